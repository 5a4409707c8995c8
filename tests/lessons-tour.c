/* lessons-tour.c - a lesson as a tour of its run for the TUI's lesson mode
 * (fsim_lesson_tour_new, viz.h's FsimVizTour): every lesson's steps stop
 * where the plain runner stops, the judge says what the plain runner says,
 * and the tour drawn in the TUI (a grid, no terminal) shows the lesson
 * file's texts and the run's verdicts. tests/tui-tmux.sh drives
 * `flinksim lesson N` itself. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lessons/lessons.h"
#include "viz/tui-private.h"
#include "tests/lessons-tests.h"
#include "tests/testlib-graphs.h"

void lessons_tour_tcases (Suite *suite);

/* Every lesson: a step of the tour per step of the lesson, each at the
 * simulated time the plain run prints for it; every question's judge says
 * "Not quite. The run says: X" for a wrong answer with the plain run's X,
 * "Right." for X and for X's letter among the choices. */
START_TEST (test_tour_stops_where_plain_stops)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      const char *path = fsim_course_get_lesson_path (course, i);
      g_autoptr (FsimLesson) lesson = NULL;
      g_autoptr (GString) shown = g_string_new (NULL);
      g_autoptr (FsimLessonTour) tour = lessons_test_take (path, &lesson, shown);
      const FsimVizTour *viz = fsim_lesson_tour_get_viz (tour);
      ck_assert_uint_eq (viz->n_steps, fsim_lesson_get_n_steps (lesson));
      ck_assert_str_eq (viz->title, fsim_lesson_get_title (lesson, "en"));
      FsimTrace *trace = fsim_job_run_get_trace (fsim_lesson_tour_get_run (tour));
      const char *p = shown->str;
      for (guint k = 0; k < viz->n_steps; k++)
        {
          const FsimVizTourStep *s = &viz->steps[k];
          g_autofree char *time = fsim_time_format (fsim_trace_get (trace, s->cursor)->time_us);
          g_autofree char *head = g_strdup_printf ("== Step %u of %u (simulated time %s) ==",
                                                   k + 1, viz->n_steps, time);
          p = strstr (p, head);
          ck_assert_msg (p != NULL, "%s: no '%s' in\n%s", path, head, shown->str);
          if (s->text)
            ck_assert_msg (strstr (p, s->text) != NULL, "%s step %u", path, k + 1);
          if (s->question == NULL)
            continue;
          const char *mark = "Not quite. The run says: ";
          const char *said = strstr (p, mark);
          ck_assert_ptr_nonnull (said);
          g_autofree char *right = g_strndup (said + strlen (mark),
                                              strcspn (said + strlen (mark), "\n"));
          gboolean ok = TRUE;
          g_autofree char *wrong = viz->judge (k, "?? not an answer", &ok, viz->judge_data);
          ck_assert (!ok);
          g_autofree char *want = g_strdup_printf ("%s%s", mark, right);
          ck_assert_msg (g_str_has_prefix (wrong, want), "%s: %s", path, wrong);
          /* the explanation after it, as the plain run shows it */
          ck_assert (strstr (said, wrong) == said);
          g_autofree char *good = viz->judge (k, right, &ok, viz->judge_data);
          ck_assert_msg (ok, "%s step %u: '%s' judged %s", path, k + 1, right, good);
          /* "Right.", then the same explanation a wrong answer gets */
          const char *explained = strchr (wrong, '\n');
          g_autofree char *want_good = g_strconcat ("Right.", explained ? explained : "", NULL);
          ck_assert_str_eq (good, want_good);
          for (int c = 0; s->choices && s->choices[c]; c++)
            if (g_str_equal (s->choices[c], right))
              {
                char letter[2] = { (char) ('A' + c), 0 };
                g_autofree char *by_letter = viz->judge (k, letter, &ok, viz->judge_data);
                ck_assert_msg (ok, "%s step %u: %s", path, k + 1, letter);
              }
        }
    }
}
END_TEST

/* A lesson file of its own: rescale() from 2 Source subtasks to 4 Decode
 * subtasks is POINTWISE (each source feeds two, EdgeManagerBuildUtil), so
 * the channel Source 0 -> Decode 1 exists and Source 0 -> Decode 2 does
 * not. */
#define HIGHLIGHT_JOB                                                         \
  "title: H\n"                                                                \
  "title[zh_CN]: 高亮\n"                                                      \
  "job:\n"                                                                    \
  "job \"H\"\n"                                                               \
  "set parallelism.default = 4\n"                                             \
  "set sim.duration = 3 s\n"                                                  \
  "env.fromSource(\"Src\").setParallelism(2).rate(100/s).rescale()\n"         \
  "   .map(\"Decode\").print()\n"                                             \
  "end\n"

static char *
lesson_file (const char *steps)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fsim-highlight.lesson", NULL);
  g_autofree char *text = g_strconcat (HIGHLIGHT_JOB, steps, NULL);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

/* A step's show: becomes the pane docs/lessons.md's table names, its
 * highlight: lines the subjects in the trace's numbering (the
 * ExecutionJobVertex index), with a "Look at:" text; compare: a run B
 * whose configuration differs. */
START_TEST (test_tour_panes_subjects_and_run_b)
{
  g_autofree char *path = lesson_file (
    "step:\nshow: graph stream\nhighlight: op Decode\n"
    "step:\nshow: graph slots\nhighlight: channel \"Source: Src\" 0 to Decode 1\n"
    "step:\nshow: metrics\n"
    "step:\nshow: inspect\nhighlight: op Decode subtask 3\n"
    "step:\nshow: event-time\ncompare: --set sim.duration=2s\n"
    "step:\nuntil: end\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
  ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimLessonTour) tour = fsim_lesson_tour_new (lesson, "en", &error);
  ck_assert_msg (tour != NULL, "%s", error ? error->message : "?");
  const FsimVizTour *viz = fsim_lesson_tour_get_viz (tour);
  const FsimExecutionGraph *eg = fsim_job_run_get_execution_graph (fsim_lesson_tour_get_run (tour));
  GPtrArray *ejvs = fsim_execution_graph_get_job_vertices (eg);
  /* Src and Decode do not chain (rescale), print chains to Decode */
  const FsimExecutionJobVertex *src = g_ptr_array_index (ejvs, 0);
  const FsimExecutionJobVertex *decode = g_ptr_array_index (ejvs, 1);
  ck_assert_int_eq (src->parallelism, 2);
  ck_assert_int_eq (decode->parallelism, 4);

  ck_assert_int_eq (viz->steps[0].pane, FSIM_VIZ_PANE_GRAPH);
  ck_assert_uint_eq (viz->steps[0].n_highlights, 1);
  ck_assert_int_eq (viz->steps[0].highlights[0].vertex, decode->index);
  ck_assert_int_eq (viz->steps[0].highlights[0].subtask, -1);
  ck_assert_int_eq (viz->steps[0].highlights[0].to_vertex, -1);
  g_autofree char *task = g_strdup_printf ("Look at: the task %s, every subtask",
                                           decode->job_vertex->name);
  ck_assert_str_eq (viz->steps[0].highlight_text, task);

  ck_assert_int_eq (viz->steps[1].pane, FSIM_VIZ_PANE_TIMELINE);
  const FsimVizSubject *c = &viz->steps[1].highlights[0];
  ck_assert_int_eq (c->vertex, src->index);
  ck_assert_int_eq (c->subtask, 0);
  ck_assert_int_eq (c->to_vertex, decode->index);
  ck_assert_int_eq (c->to_subtask, 1);
  g_autofree char *channel = g_strdup_printf ("Look at: the channel %s \u2192 %s",
                                              src->subtasks[0].name, decode->subtasks[1].name);
  ck_assert_str_eq (viz->steps[1].highlight_text, channel);

  /* metrics with no subtask to inspect: the timeline */
  ck_assert_int_eq (viz->steps[2].pane, FSIM_VIZ_PANE_TIMELINE);
  ck_assert_ptr_null (viz->steps[2].highlight_text);
  ck_assert_int_eq (viz->steps[3].pane, FSIM_VIZ_PANE_INSPECT);
  ck_assert_int_eq (viz->steps[3].highlights[0].subtask, 3);

  ck_assert_int_eq (viz->steps[4].pane, FSIM_VIZ_PANE_EVENT_TIME);
  ck_assert_ptr_nonnull (viz->steps[4].compare);
  ck_assert_str_eq (viz->steps[4].compare->what, "--set sim.duration=2s");
  ck_assert_int_ge (fsim_trace_first_difference (fsim_job_run_get_trace (
                                                   fsim_lesson_tour_get_run (tour)),
                                                 viz->steps[4].compare->trace), 0);
  ck_assert_int_eq (viz->steps[5].pane, FSIM_VIZ_PANE_KEEP);
  ck_assert_ptr_null (viz->steps[5].compare);

  /* plain mode says the subjects and prints compare's report */
  g_autoptr (GString) shown = g_string_new (NULL);
  FsimLessonIO io = { lessons_test_collect, lessons_test_no_answer, shown, "en", FALSE };
  ck_assert (fsim_lesson_run (lesson, &io, NULL, &error));
  ck_assert_ptr_nonnull (strstr (shown->str, channel));
  ck_assert_ptr_nonnull (strstr (shown->str, "What flinksim compare says of the two runs:\n"
                                             "A: this lesson's job\nB: --set sim.duration=2s\n"));
  g_unlink (path);
}
END_TEST

/* What lesson check reports, located: an operator the job lacks, a
 * subtask beyond the parallelism, a channel the ExecutionGraph does not
 * have, inspect with no subtask, a --set the configuration refuses. */
START_TEST (test_bad_subjects_located)
{
  static const struct {
    const char *steps;
    int line;                   /* "step:" is line 10, its first key 11 */
    const char *error;
  } cases[] = {
    { "step:\nhighlight: op Decoder\n", 11, "the job has no operator named 'Decoder'" },
    { "step:\nhighlight: op Decode subtask\n", 11, "not a subject to highlight" },
    { "step:\nhighlight: op Decode subtask 4\n", 11,
      "'Map -> Sink: Print to Std. Out' runs 4 subtasks, numbered from 0" },
    { "step:\nhighlight: channel \"Source: Src\" 0 to Decode 2\n", 11,
      "no channel runs from Source: Src (1/2) to Map -> Sink: Print to Std. Out (3/4)" },
    { "step:\nshow: inspect\nhighlight: op Decode\n", 10,
      "'show: inspect' opens the first highlighted subtask" },
    { "step:\ncompare: --set sim.seed\n", 11, "--set sim.seed: expected KEY=VALUE" },
    { "step:\ncompare: --set no.such.key=1\n", 11, "--set no.such.key=1: " },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = lesson_file (cases[i].steps);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
      FsimLessonIO io = { NULL, NULL, NULL, "en", TRUE };
      if (lesson)
        ck_assert (!fsim_lesson_run (lesson, &io, NULL, &error));
      ck_assert_ptr_nonnull (error);
      g_autofree char *where = g_strdup_printf ("%s:%d:", path, cases[i].line);
      ck_assert_msg (strstr (error->message, cases[i].error) != NULL, "%s", error->message);
      ck_assert_msg (g_str_has_prefix (error->message, where), "%s", error->message);
      ck_assert_msg (strstr (error->message, "^") != NULL, "%s", error->message);
      g_unlink (path);
    }
}
END_TEST

static char *
screen (FsimTui *tui, FsimTuiGrid *grid)
{
  fsim_tui_draw (tui, grid);
  return fsim_tui_grid_to_text (grid, FALSE);
}

/* The screen holds text; else the screen goes to stderr (too long for a
 * Check message) and the test fails. */
#define has(screen, text) \
  G_STMT_START { \
    if (strstr (screen, text) == NULL) \
      g_printerr ("%s", screen); \
    ck_assert_msg (strstr (screen, text) != NULL, "no '%s' on the screen", text); \
  } G_STMT_END

static void
type (FsimTui *tui, const char *keys)
{
  for (const char *k = keys; *k; k++)
    fsim_tui_handle_key (tui, *k == '\n' ? FSIM_KEY_ENTER : *k);
}

/* Lesson 8 in the TUI: its first step stops at the first record of
 * task-activity to backpressured, the pane narrates from the file, the
 * question's answer typed inline is judged from the run; ] goes to step 2
 * at 15 s; in Chinese the pane speaks Chinese. */
START_TEST (test_tour_in_the_tui)
{
  g_autofree char *path = fsim_test_srcpath ("lessons/08-backpressure.lesson");
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
  ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
  g_autoptr (FsimLessonTour) tour = fsim_lesson_tour_new (lesson, "en", &error);
  ck_assert_msg (tour != NULL, "%s", error ? error->message : "?");
  FsimJobRun *run = fsim_lesson_tour_get_run (tour);
  FsimTrace *trace = fsim_job_run_get_trace (run);
  const FsimJobGraph *jg = fsim_execution_graph_get_job_graph (fsim_job_run_get_execution_graph (run));
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, jg, fsim_job_get_name (fsim_lesson_tour_get_job (tour)));
  fsim_tui_set_tour (tui, fsim_lesson_tour_get_viz (tour));
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (100, 30);

  const FsimTraceRecord *stop = fsim_trace_get (trace, tui->cursor);
  ck_assert_str_eq (stop->kind->name, "task-activity");
  ck_assert_str_eq (fsim_trace_record_to_name (stop), "backpressured");
  /* the first such record */
  for (gint64 i = 0; i < tui->cursor; i++)
    {
      const FsimTraceRecord *r = fsim_trace_get (trace, i);
      ck_assert (r->kind != stop->kind || g_strcmp0 (fsim_trace_record_to_name (r), "backpressured") != 0);
    }
  g_autoptr (FsimTuiGrid) narrow = fsim_tui_grid_new (80, 24);
  g_autofree char *top = screen (tui, narrow);
  /* before an answer: the top of the pane, the narration first */
  has (top, "The sink takes 2 ms a record");
  has (top, "\u2193 more");
  g_autofree char *s1 = screen (tui, grid);
  has (s1, "Lesson: Records, buffers and backpressure \u00b7 Step 1 of 2");
  has (s1, "The sink takes 2 ms a record: 500 records/s.");
  has (s1, "Question: Which task is back-pressured first?");
  has (s1, "  a) Source: Kafka -> Parse");
  has (s1, "  b) Slow Sink: Writer");

  type (tui, "ab\n");
  g_autofree char *wrong = screen (tui, grid);
  has (wrong, "Your answer: b) Slow Sink: Writer");
  has (wrong, "Not quite. The run says: Source: Kafka -> Parse");
  has (wrong, "The tasks upstream of the slow one are back-pressured");
  /* at 80x24 the pane cannot hold it all: the verdict stays in view */
  g_autoptr (FsimTuiGrid) small = fsim_tui_grid_new (80, 24);
  g_autofree char *cut = screen (tui, small);
  has (cut, "Not quite. The run says: Source: Kafka -> Parse");
  has (cut, "a answers again; ] goes on");
  has (cut, "\u2191 more above");
  type (tui, "aa\n");
  g_autofree char *right = screen (tui, grid);
  has (right, "Your answer: a) Source: Kafka -> Parse");
  has (right, "Right.");

  type (tui, "]");
  ck_assert_int_ge (fsim_trace_get (trace, tui->cursor)->time_us, 15 * G_USEC_PER_SEC);
  ck_assert_int_lt (fsim_trace_get (trace, tui->cursor - 1)->time_us, 15 * G_USEC_PER_SEC);
  g_autofree char *s2 = screen (tui, grid);
  has (s2, "Step 2 of 2");
  has (s2, "Question: Which subtask is the busiest?");
  type (tui, "a3\n");
  g_autofree char *value = screen (tui, grid);
  /* not a letter of the choices: judged as typed (which subtask the run
   * finds busiest is test_tour_stops_where_plain_stops's: the plain run's) */
  has (value, "Your answer: 3");
  has (value, "Not quite. The run says: ");

  g_autoptr (FsimLessonTour) zh = fsim_lesson_tour_new (lesson, "zh_CN", &error);
  ck_assert_msg (zh != NULL, "%s", error ? error->message : "?");
  fsim_tui_set_tour (tui, fsim_lesson_tour_get_viz (zh));
  g_autofree char *s3 = screen (tui, grid);
  has (s3, "记录、缓冲区与反压");
  /* its two lines joined without a space between Chinese characters */
  has (s3, "发送方耗尽信用值，输出缓冲池");
  fsim_tui_set_tour (tui, NULL);
}
END_TEST

void
lessons_tour_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Tour");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_tour_stops_where_plain_stops);
  tcase_add_test (tc, test_tour_in_the_tui);
  tcase_add_test (tc, test_tour_panes_subjects_and_run_b);
  tcase_add_test (tc, test_bad_subjects_located);
  suite_add_tcase (suite, tc);
}
