/* lessons-visible.c - a learner takes the course with nothing but what
 * flinksim shows (issue 15): a choice that names a task or a subtask is
 * printed by the step that offers it, the view lesson 4 shows names its
 * slot sharing groups, plain mode prints the checkpoint and event-time
 * panes (not the log), and at the step after an alignment the pane no
 * longer lists the aligned subtask's channels as blocked. */
#include "config.h"

#include <string.h>

#include "lessons/lessons.h"
#include "tests/lessons-tests.h"
#include "tests/testlib-graphs.h"

void lessons_visible_tcases (Suite *suite);

/* Lesson file's plain text, every question answered wrong. (transfer full) */
static char *
plain (const char *file)
{
  g_autofree char *path = g_build_filename ("lessons", file, NULL);
  g_autofree char *src = fsim_test_srcpath (path);
  g_autoptr (FsimLesson) lesson = NULL;
  GString *shown = g_string_new (NULL);
  g_autoptr (FsimLessonTour) tour = lessons_test_take (src, &lesson, shown);
  return g_string_free (shown, FALSE);
}

/* What step k (from 1) of n prints before its question: from its header
 * to its "Question:" (or the next step). (transfer full) */
static char *
step_text (const char *shown, guint k)
{
  g_autofree char *head = g_strdup_printf ("== Step %u of ", k);
  const char *p = strstr (shown, head);
  ck_assert_msg (p != NULL, "no '%s'", head);
  const char *q = strstr (p, "\nQuestion:");
  const char *next = strstr (p + 1, "\n== ");
  const char *end = q && (next == NULL || q < next) ? q : next ? next : p + strlen (p);
  return g_strndup (p, (gsize) (end - p));
}

/* Whether choice names a task or a subtask of the run: a JobVertex's
 * (chain's) name or a StreamNode's, with or without the subtask suffix
 * " (i/n)" (getTaskNameWithSubtaskIndex). */
static gboolean
names_a_task (FsimJobRun *run, const FsimJob *job, const char *choice)
{
  g_autofree char *base = g_strdup (choice);
  char *paren = strrchr (base, '(');
  if (paren && paren > base && paren[-1] == ' ' && strchr (paren, '/'))
    paren[-1] = '\0';
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  GPtrArray *vs = fsim_job_graph_get_vertices (jg);
  for (guint i = 0; i < vs->len; i++)
    if (g_str_equal (((FsimJobVertex *) g_ptr_array_index (vs, i))->name, base))
      return TRUE;
  GPtrArray *nodes = fsim_stream_graph_get_nodes (fsim_job_get_stream_graph (job));
  for (guint i = 0; i < nodes->len; i++)
    if (g_str_equal (((FsimStreamNode *) g_ptr_array_index (nodes, i))->name, base))
      return TRUE;
  return FALSE;
}

/* "A choice must be visible": every choice that names a task or a subtask
 * appears in what its step prints before the question, so the learner
 * can find it in the view (the names Flink's web UI shows: the chain's
 * name, the subtask's "name (i/n)"). The course offers such choices in
 * lessons 8, 12 and 15: at least 11. */
START_TEST (test_named_choices_are_shown)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  guint checked = 0;
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      const char *path = fsim_course_get_lesson_path (course, i);
      g_autoptr (FsimLesson) lesson = NULL;
      g_autoptr (GString) shown = g_string_new (NULL);
      g_autoptr (FsimLessonTour) tour = lessons_test_take (path, &lesson, shown);
      const FsimVizTour *viz = fsim_lesson_tour_get_viz (tour);
      FsimJobRun *run = fsim_lesson_tour_get_run (tour);
      for (guint k = 0; k < viz->n_steps; k++)
        {
          const char *const *choices = viz->steps[k].choices;
          g_autofree char *text = step_text (shown->str, k + 1);
          for (guint c = 0; choices && choices[c]; c++)
            {
              if (!names_a_task (run, fsim_lesson_tour_get_job (tour), choices[c]))
                continue;
              checked++;
              ck_assert_msg (strstr (text, choices[c]) != NULL,
                             "%s step %u offers '%s', which it does not show:\n%s", path, k + 1,
                             choices[c], text);
            }
        }
    }
  ck_assert_uint_ge (checked, 11);
}
END_TEST

/* Lesson 4 asks how many slot sharing groups the job has; its view names
 * them: "default" for the source (StreamGraphGenerator.determineSlotSharingGroup:
 * a source without slotSharingGroup()) and "heavy", which Enrich sets and
 * Count and Out inherit from their input. */
START_TEST (test_lesson_4_shows_the_groups)
{
  g_autofree char *shown = plain ("04-slot-sharing.lesson");
  g_autofree char *text = step_text (shown, 1);
  ck_assert_msg (strstr (text, "SlotSharingGroup \"heavy\": Enrich (parallelism 2), Count -> Out: Writer")
                 != NULL, "%s", text);
  ck_assert_msg (strstr (text, "SlotSharingGroup \"default\": Source: Events") != NULL, "%s", text);
}
END_TEST

/* show: checkpoints and show: event-time print their panes. Lesson 9 step
 * 3 at 44 s: with max-concurrent-checkpoints 1 (CheckpointRequestDecider)
 * and aligned barriers behind a 2 ms sink, 2 checkpoints completed (the
 * query the question asks, checkpoints-completed, says so too), and the
 * history lists each of them COMPLETED, newest first as the Web UI does.
 * Lesson 15 step 3 plots Held's window: its title and watermark line, not
 * the log's "[ … s]" records. */
START_TEST (test_panes_in_plain_mode)
{
  g_autofree char *shown = plain ("09-checkpoint-barriers.lesson");
  g_autofree char *text = step_text (shown, 3);
  ck_assert_msg (strstr (text, "\u2500 Checkpoints ") != NULL, "%s", text);
  const char *two = strstr (text, "   2 COMPLETED ");
  const char *one = strstr (text, "   1 COMPLETED ");
  ck_assert_msg (two && one && two < one, "%s", text);
  ck_assert_msg (strstr (text, "   3 COMPLETED ") == NULL, "%s", text);
  ck_assert_msg (strstr (text, "[  4") == NULL, "the log, not the pane:\n%s", text);

  g_autofree char *idle = plain ("15-idle-partition.lesson");
  g_autofree char *et = step_text (idle, 3);
  ck_assert_msg (strstr (et, "\u2500 Event time ") != NULL, "%s", et);
  ck_assert_msg (strstr (et, "Held -> Sink: Print to Std. Out (1/2)") != NULL, "%s", et);
  ck_assert_msg (strstr (et, "watermark ") != NULL, "%s", et);
  ck_assert_msg (strstr (et, "[  ") == NULL, "the log, not the pane:\n%s", et);
}
END_TEST

/* Lesson 9 step 2 stops when Parse (1/2) has its last barrier: Flink then
 * unblocks every channel of the gate (AbstractAlignedBarrierHandlerState.
 * barrierReceived -> triggerGlobalCheckpoint, which resumes them all), so
 * the pane lists none of Parse (1/2)'s channels as blocked; Parse (2/2)'s
 * refunds channel (ch 1: the union's second input) still waits for the
 * orders' barrier on ch 0. */
START_TEST (test_lesson_9_aligned_channels_resumed)
{
  g_autofree char *shown = plain ("09-checkpoint-barriers.lesson");
  g_autofree char *text = step_text (shown, 2);
  const char *blocked = strstr (text, "Blocked input channels");
  ck_assert_msg (blocked != NULL, "%s", text);
  const char *phases = strstr (blocked, "phases");
  ck_assert_ptr_nonnull (phases);
  g_autofree char *list = g_strndup (blocked, (gsize) (phases - blocked));
  ck_assert_msg (strstr (list, "Parse (1/2)") == NULL, "%s", list);
  ck_assert_msg (strstr (list, "Parse (2/2)#0                ch 1  barrier 1") != NULL, "%s", list);
}
END_TEST

void
lessons_visible_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Visible");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_named_choices_are_shown);
  tcase_add_test (tc, test_lesson_4_shows_the_groups);
  tcase_add_test (tc, test_panes_in_plain_mode);
  tcase_add_test (tc, test_lesson_9_aligned_channels_resumed);
  suite_add_tcase (suite, tc);
}
