/* fuzz-course.c - libFuzzer target: lesson and exercise files
 * (fsim_lesson_parse, fsim_exercise_parse: docs/lessons.md), as
 * `flinksim lesson check FILE` and `exercise check` read a teacher's file.
 *
 * Each input is read both as a lesson and as an exercise, from a directory
 * that does not exist, so that a `job:`, `starter:` or `solution:` naming
 * a file finds none; an input naming ".." is skipped (it could reach a real
 * file or a device, whose bounded reading the robustness tests cover). */
#include "config.h"

#include <string.h>

#include "fuzz/fuzz.h"
#include "lessons/lessons.h"

#define FUZZ_COURSE_DIR "/nonexistent-flinksim-fuzz"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fsim_fuzz_text (data, size);
  if (text == NULL || strstr (text, ".."))
    return 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) lesson
    = fsim_lesson_parse (FUZZ_COURSE_DIR "/fuzz.lesson", text, size, &error);
  if (lesson)
    g_free (fsim_lesson_warnings (lesson));
  g_clear_error (&error);
  g_autoptr (FsimExercise) ex
    = fsim_exercise_parse (FUZZ_COURSE_DIR "/fuzz.exercise", text, size, &error);
  if (ex)
    g_free (fsim_exercise_warnings (ex));
  return 0;
}
