/* lessons-tests.h - what the lessons/ tests share: a lesson's plain mode
 * collected into a GString, every question answered with what no query
 * answers (neither a choice's letter nor a value). */
#pragma once

#include <glib.h>

#include "lessons/lessons.h"
#include "tests/testlib.h"

static inline void
lessons_test_collect (const char *text, gpointer user_data)
{
  g_string_append (user_data, text);
}

static inline char *
lessons_test_no_answer (gpointer user_data)
{
  (void) user_data;
  return g_strdup ("?? not an answer");
}

/* The lesson at path loaded (*lesson), taken in plain mode into shown
 * with every question answered wrong, and its tour. (transfer full) */
static inline FsimLessonTour *
lessons_test_take (const char *path, FsimLesson **lesson, GString *shown)
{
  g_autoptr (GError) error = NULL;
  *lesson = fsim_lesson_load (path, &error);
  ck_assert_msg (*lesson != NULL, "%s", error ? error->message : "?");
  FsimLessonIO io = { lessons_test_collect, lessons_test_no_answer, shown, "en", FALSE };
  ck_assert_msg (fsim_lesson_run (*lesson, &io, NULL, &error), "%s",
                 error ? error->message : "?");
  FsimLessonTour *tour = fsim_lesson_tour_new (*lesson, "en", &error);
  ck_assert_msg (tour != NULL, "%s", error ? error->message : "?");
  return tour;
}
