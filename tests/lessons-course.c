/* lessons-course.c - the course through lessons/'s API: every lesson runs
 * to its end with wrong answers explained, and with the run's answers all
 * right in English and in Chinese; a broken lesson file is located, and
 * every exercise is checked on the simulation: its starter fails for the
 * reason Flink's rules give, its solution passes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lessons/lessons.h"
#include "tests/testlib-graphs.h"

void lessons_course_tcases (Suite *suite);

/* Answers in order, one a read; collects the run's own answers from the
 * "Not quite" lines when it has none (the wrong-answer pass). */
typedef struct {
  GString *shown;
  char **answers;
  guint next;
} Replay;

static void
replay_write (const char *text, gpointer user_data)
{
  g_string_append (((Replay *) user_data)->shown, text);
}

static char *
replay_answer (gpointer user_data)
{
  Replay *r = user_data;
  /* never a choice's letter nor a value any query answers */
  if (r->answers == NULL || r->answers[r->next] == NULL)
    return g_strdup ("?? not an answer");
  return g_strdup (r->answers[r->next++]);
}


/* Wrong answers all through: every question gets an answer no query gives;
 * each is explained with the run's own answer and the lesson still reaches
 * its end. */
START_TEST (test_wrong_answers_explained)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_load (fsim_course_get_lesson_path (course, i),
                                                        &error);
      ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
      Replay s = { g_string_new (NULL), NULL, 0 };
      FsimLessonIO io = { replay_write, replay_answer, &s, "en", FALSE };
      guint correct = 0;
      ck_assert (fsim_lesson_run (lesson, &io, &correct, &error));
      ck_assert_uint_eq (correct, 0);
      ck_assert_msg (strstr (s.shown->str, "End of the lesson") != NULL, "%s", s.shown->str);
      if (strstr (s.shown->str, "Question:"))
        ck_assert (strstr (s.shown->str, "Not quite. The run says:") != NULL);
      /* records read as `flinksim run` prints them, never the trace's
       * tab-separated format; step times as the log writes them */
      ck_assert_msg (strchr (s.shown->str, '\t') == NULL, "%s", s.shown->str);
      ck_assert_msg (g_regex_match_simple ("== Step 1 of [0-9]+ \\(simulated time [0-9]+\\.[0-9]{3} s\\) ==",
                                           s.shown->str, 0, 0), "%s", s.shown->str);
      if (strstr (s.shown->str, "\n[ "))
        ck_assert (g_regex_match_simple ("\\n\\[ *[0-9]+\\.[0-9]{3} s\\] ", s.shown->str, 0, 0)
                   && strstr (s.shown->str, "\n             why: ") != NULL);
      g_string_free (s.shown, TRUE);
    }
}
END_TEST

/* The run's answers, from a pass that answered every question wrong. */
static char **
runs_answers (const char *shown)
{
  const char *mark = "Not quite. The run says: ";
  GPtrArray *a = g_ptr_array_new ();
  for (const char *p = strstr (shown, mark); p; p = strstr (p, mark))
    {
      p += strlen (mark);
      g_ptr_array_add (a, g_strndup (p, strcspn (p, "\n")));
    }
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

/* Every lesson of the index, in English and in Chinese: each text has its
 * translation (no warning), the Chinese title is not the English one, and
 * the run's own answers, given back, are all right. */
START_TEST (test_right_answers_both_languages)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  ck_assert_uint_eq (fsim_course_get_n_later (course), 0);
  for (guint i = 0; i < fsim_course_get_n_lessons (course); i++)
    {
      const char *path = fsim_course_get_lesson_path (course, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
      ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
      g_autofree char *warnings = fsim_lesson_warnings (lesson);
      ck_assert_msg (warnings == NULL, "%s", warnings);
      ck_assert_str_ne (fsim_lesson_get_title (lesson, "zh_CN"),
                        fsim_lesson_get_title (lesson, "en"));
      Replay wrong = { g_string_new (NULL), NULL, 0 };
      FsimLessonIO io = { replay_write, replay_answer, &wrong, "en", FALSE };
      ck_assert (fsim_lesson_run (lesson, &io, NULL, &error));
      g_auto (GStrv) answers = runs_answers (wrong.shown->str);
      guint asked = g_strv_length (answers);
      /* every lesson asks; the runtime lessons, from lesson 8 on, twice at least */
      ck_assert_msg (asked >= (i >= 7 ? 2u : 1u), "%s asks %u questions", path, asked);
      g_string_free (wrong.shown, TRUE);
      const char *langs[] = { "en", "zh_CN" };
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          Replay right = { g_string_new (NULL), answers, 0 };
          FsimLessonIO rio = { replay_write, replay_answer, &right, langs[l], FALSE };
          guint correct = 0;
          ck_assert (fsim_lesson_run (lesson, &rio, &correct, &error));
          ck_assert_msg (correct == asked, "%s (%s): %u of %u right\n%s", path, langs[l], correct,
                         asked, right.shown->str);
          ck_assert (strstr (right.shown->str, fsim_lesson_get_title (lesson, langs[l])) != NULL);
          g_string_free (right.shown, TRUE);
        }
    }
}
END_TEST

/* A lesson file's error is a located diagnostic (lessons.h): file:line:col,
 * the line, a caret. "narate" on line 2 is no key. */
START_TEST (test_bad_lesson_located)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "fsim-lessons-bad.lesson", NULL);
  ck_assert (g_file_set_contents (path, "title: T\nnarate: oops\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimLesson) lesson = fsim_lesson_load (path, &error);
  ck_assert_ptr_null (lesson);
  ck_assert (g_error_matches (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE));
  g_autofree char *where = g_strconcat (path, ":2:1: error:", NULL);
  ck_assert_msg (g_str_has_prefix (error->message, where), "%s", error->message);
  ck_assert_msg (strstr (error->message, "\n  narate: oops\n") != NULL
                 || strstr (error->message, "narate: oops") != NULL, "%s", error->message);
  ck_assert (strstr (error->message, "^") != NULL);
  g_unlink (path);
}
END_TEST

/* A step says what it waits for, shows and asks once: a second 'answer:'
 * (the same for until:, show:, choices:, compare:) is refused where it stands,
 * rather than replacing the first in silence. Found by fuzz-course, which
 * saw the first answer's words leak (fuzz/crashes/course). Read from text
 * (fsim_lesson_parse) as the fuzz target reads it. */
START_TEST (test_second_answer_in_a_step)
{
  static const char *const keys[] = { "until: end", "show: log", "answer: subtasks",
                                      "choices: a | b",
                                      "compare: --set execution.checkpointing.interval=1s" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "title: T\njob:\nenv.fromSource(\"S\").sinkTo(\"K\")\nend\nstep:\n"
        "ask: how many?\n%s\n%s\n", keys[i], keys[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_parse ("t.lesson", text, strlen (text), &error);
      ck_assert_ptr_null (lesson);
      ck_assert (g_error_matches (error, FSIM_LESSONS_ERROR, FSIM_LESSONS_ERROR_PARSE));
      ck_assert_msg (g_str_has_prefix (error->message, "t.lesson:8:1: error: a step takes one"),
                     "%s: %s", keys[i], error->message);
    }
}
END_TEST

/* A source is named as the job file's fromSource("S") names it, or as its
 * StreamNode ("Source: S", SourceTransformation's name): in a highlight,
 * an until: and a query alike. */
START_TEST (test_source_by_its_name)
{
  static const char *const names[] = { "S", "\"Source: S\"" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "title: T\ntitle[zh_CN]: T2\njob:\nenv.fromSource(\"S\").setParallelism(3).sinkTo(\"K\")\n"
        "end\nstep:\nuntil: kind execution-state op %s\nhighlight: op %s\nask: how many?\n"
        "answer: parallelism %s\n", names[i], names[i], names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimLesson) lesson = fsim_lesson_parse ("t.lesson", text, strlen (text), &error);
      ck_assert_msg (lesson != NULL, "%s", error ? error->message : "?");
      char three[] = "3";
      char *answers[] = { three, NULL };
      Replay r = { g_string_new (NULL), answers, 0 };
      FsimLessonIO io = { replay_write, replay_answer, &r, "en", FALSE };
      guint correct = 0;
      ck_assert_msg (fsim_lesson_run (lesson, &io, &correct, &error), "%s", error->message);
      ck_assert_msg (correct == 1, "%s", r.shown->str);
      ck_assert_msg (strstr (r.shown->str, "Look at: the task Source: S") != NULL, "%s",
                     r.shown->str);
      g_string_free (r.shown, TRUE);
    }
}
END_TEST

/* Every exercise of the course, with the goals its starter fails and why,
 * by Flink's rules (not from a run); its solution meets every goal. */
static const struct {
  const char *file;             /* in lessons/exercises */
  const char *fails[3];         /* in the starter's report */
} exercises[] = {
  /* Enrich (4) and the sink after it in group "enrich", the source (2) in
   * "default": groups never share a slot and each needs its highest
   * parallelism (SlotSharingGroup), 2 + 4 = 6 slots; the solution keeps
   * one group: max (2, 4, 2) = 4. */
  { "01-slots.exercise", { "slots-needed == 4: the run gives 6" } },
  /* Three groups need 2 + 4 + 4 = 10 slots, the one TaskManager has 4: the
   * bulk stays unfulfillable for slot.request.timeout, 10 s
   * (PhysicalSlotRequestBulkCheckerImpl, NoResourceAvailableException),
   * and without checkpointing the restart strategy is none: FAILED. */
  { "02-not-enough-slots.exercise", { "final-job-status == RUNNING: the run gives FAILED" } },
  /* The sink takes 2 ms a record, 500/s, behind 2 x 600/s: its input
   * channels run out of credit and both source tasks wait for buffers
   * (back-pressured); in 20 s it takes at most 500 x 20 = 10000 records,
   * below 21000 (which even 2 sink subtasks, 20000 at most, cannot reach). */
  { "03-slow-sink.exercise", { "backpressured-tasks == 0: the run gives 2",
                               "records-in \"Database Sink: Writer\" >= 21000: the run gives" } },
  /* fixed-delay, 3 attempts, 500 ms: the failures at 5, 6 and 7 s each
   * find the task restarted and use an attempt; the fourth, at 8 s,
   * exceeds them (FixedDelayRestartBackoffTimeStrategy): FAILED. */
  { "04-restart-strategy.exercise", { "final-job-status == RUNNING: the run gives FAILED" } },
  /* rebalance() edges are ALL_TO_ALL: the three vertices are one pipelined
   * region of 6 subtasks, all restarted (RestartPipelinedRegionFailover-
   * Strategy); forward edges cut it into 2 regions of 3. */
  { "05-region-failover.exercise", { "restarted-subtasks == 3: the run gives 6",
                                     "regions == 2: the run gives 1" } },
  /* zipf(2.0): the hottest page is about 1/zeta(2) = 61 % of 4 x 1000
   * clicks/s, 2440/s at 400 us = 976 ms/s on the subtask that owns its key
   * group, with its other keys beyond 1000: it saturates and throttles
   * every source; 76000 clicks would need 0.61 x 76000 x 400 us = 18.5 s
   * of that subtask's 20 s for the hot page alone. */
  { "06-hot-key.exercise", { "busiest-busy-time <= 700: the run gives",
                             "records-in Count >= 76000: the run gives" } },
  /* Aligned barriers queue behind the buffers ahead of them at a sink that
   * reads 500 records/s, seconds of data under backpressure: past the 3 s
   * timeout each expires (CHECKPOINT_EXPIRED), only the first, before the
   * queues filled, completes. */
  { "07-checkpoint-timeout.exercise", { "checkpoints-completed >= 6: the run gives 1",
                                        "checkpoints-expired == 0: the run gives" } },
  /* The refunds' channel, silent and ACTIVE, keeps the window's watermark
   * (the minimum over channels not IDLE, StatusWatermarkValve) below the
   * end of any window: none fires. */
  { "08-idle-partition.exercise", { "windows-fired-total >= 300: the run gives 0" } },
  /* rebalance() makes the first edge REBALANCE and startNewChain() makes
   * Enrich HEAD: isChainable wants a FORWARD partitioner and a downstream
   * ALWAYS (StreamingJobGraphGenerator), so both edges break, 3 vertices;
   * without both calls, one chain. */
  { "09-one-chain.exercise", { "job-vertices == 1: the run gives 3",
                               "chained \"Source: Events\" Parse == yes: the run gives no",
                               "chained Parse Enrich == yes: the run gives no" } },
  /* Unset, the max parallelism is computeDefaultMaxParallelism(3) = 128
   * key groups; computeKeyGroupRangeForOperatorIndex gives subtask i
   * [ceil(128 i / 3), floor((128 (i + 1) - 1) / 3)]: 0-42, 43-85, 86-127.
   * With 120, [40 i, 40 i + 39]. */
  { "10-even-key-groups.exercise", { "key-groups Count 0 == 0-39: the run gives 0-42",
                                     "key-groups Count 1 == 40-79: the run gives 43-85",
                                     "key-groups Count 2 == 80-119: the run gives 86-127" } },
  /* Clicks up to 3 s out of order behind a 1 s bound: the watermark
   * (max timestamp - 1 s - 1 ms) passes a window's end before its last
   * clicks arrive, and WindowOperator drops a record whose window is late
   * (isWindowLate) when no late data side output is set; no sink named
   * Late exists. */
  { "11-late-clicks.exercise", { "late-dropped \"Clicks per user\" == 0: the run gives",
                                 "late-side-output \"Clicks per user\" >= 1: the run gives 0",
                                 "parallelism \"Late: Writer\" == 2: the job has no operator named" } },
  /* AT_LEAST_ONCE tracks barriers without blocking channels: Count takes
   * records that follow a barrier on one channel into its state before the
   * checkpoint is taken, and after the failure at 9 s the restored sources
   * replay them from the checkpoint's offsets: counted twice; the verdict
   * judges the configured mode (CheckpointingMode). EXACTLY_ONCE aligns.
   * Checkpoints at 2, 4, 6 and 8 s complete before the failure. */
  { "12-exactly-once.exercise", { "verdict-guarantee == EXACTLY_ONCE: the run gives AT_LEAST_ONCE",
                                  "verdict-duplicated == 0: the run gives" } },
  /* One group needs max(2, 2, 4, 2) = 4 slots, what two TaskManagers of 2
   * have. Score in "score", the sink inheriting it from its input
   * (StreamGraphGenerator.determineSlotSharingGroup): 2 + 4 = 6 slots,
   * three TaskManagers; with two, the bulk times out (FAILED). The
   * starter's one group needs its highest parallelism, 4, the 4 slots of
   * its two TaskManagers: RUNNING with none to spare; only the groups
   * fail. */
  { "13-own-slots.exercise", { "slot-sharing-groups == 2: the run gives 1" } },
  /* noWatermarks() (NoWatermarksGenerator) emits no watermark: the window
   * operator's event time stays Long.MIN_VALUE and EventTimeTrigger fires
   * nothing. With watermarks, 10 keys x the 4 windows ending by 20 s. */
  { "14-no-watermarks.exercise", { "windows-fired \"Clicks per user\" >= 40: the run gives 0" } },
  /* rebalance() is ALL_TO_ALL: source and Parse are one pipelined region
   * of 2 + 4 subtasks, all restarted (RestartPipelinedRegionFailover-
   * Strategy). rescale() is POINTWISE at 2 -> 4 (connectPointwise: source
   * i feeds Parse 2i, 2i + 1): 2 regions of 3. */
  { "15-rescale-regions.exercise", { "restarted-subtasks == 3: the run gives 6",
                                     "regions == 2: the run gives 1" } },
  /* Profile's subtasks take 600 records/s each (2 x 600 over 2), nearly
   * every one a new user of a million: 600 x 32 KiB = 18.75 MiB of keyed
   * state a second. The hashmap backend's asynchronous part writes all of
   * it (HeapKeyedStateBackend's full snapshot) at 100 MiB/s: 0.19 s per
   * second of the run, past 3 s after 16 s, past the 5 s interval after
   * 27 s; with max-concurrent-checkpoints 1 the requests then wait, and
   * fewer than 12 complete (one every 5 s, the first at about 2 s). */
  { "16-growing-state.exercise", { "longest-checkpoint <= 3s: the run gives",
                                   "checkpoints-completed >= 11: the run gives 9" } },
};

static void
check_job (const FsimExercise *ex, const char *path, gboolean want_pass,
           const char *const *fails)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FsimJob) job = fsim_job_load (path, &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  gboolean passed = !want_pass;
  g_autofree char *report = NULL;
  ck_assert (fsim_exercise_check (ex, job, "en", &passed, &report, &error));
  ck_assert_msg (passed == want_pass, "%s: %s", path, report);
  for (guint i = 0; fails && i < 3 && fails[i]; i++)
    {
      g_autofree char *line = g_strconcat ("  FAIL  ", fails[i], NULL);
      ck_assert_msg (strstr (report, line) != NULL, "%s: want '%s' in\n%s", path, fails[i],
                     report);
    }
}

/* The table above is the course index's exercises, in its order; each
 * starter fails its goals for the reason given, each solution passes. */
START_TEST (test_every_exercise_checked)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons");
  g_autoptr (FsimCourse) course = fsim_course_load (dir, NULL);
  ck_assert_ptr_nonnull (course);
  ck_assert_uint_eq (fsim_course_get_n_exercises (course), G_N_ELEMENTS (exercises));
  for (guint i = 0; i < G_N_ELEMENTS (exercises); i++)
    {
      const char *path = fsim_course_get_exercise_path (course, i);
      g_autofree char *base = g_path_get_basename (path);
      ck_assert_str_eq (base, exercises[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (FsimExercise) ex = fsim_exercise_load (path, &error);
      ck_assert_msg (ex != NULL, "%s", error ? error->message : "?");
      g_autofree char *warnings = fsim_exercise_warnings (ex);
      ck_assert_msg (warnings == NULL, "%s", warnings);
      ck_assert_uint_ge (fsim_exercise_get_n_hints (ex), 2);
      check_job (ex, fsim_exercise_get_starter (ex), FALSE, exercises[i].fails);
      check_job (ex, fsim_exercise_get_solution (ex), TRUE, NULL);
    }
}
END_TEST

/* Wrong fixes: each reaches its exercise's outcome by changing what the
 * task keeps, and fails the goal that pins it (lessons/queries-job.c),
 * with what the job says. Each edit alone passes the outcome goals (the
 * reason in the comment, from the rule), so only the pin can catch it. */
static const struct {
  const char *exercise;         /* its number */
  const char *job;              /* the file the edit starts from, in lessons/exercises */
  const char *from[2], *to[2];  /* text edits */
  const char *fails[2];         /* in the report */
} wrong_fixes[] = {
  /* Sources slowed to 2 x 240 = 480 records/s, below the sink's 1 / 2 ms
   * = 500/s: no channel runs out of credit, and 50 s of 480/s passes
   * 21000 records at the sink, without a second sink subtask. */
  { "3", "03-slow-sink.job", { "rate(600/s)", "sim.duration = 20 s" },
    { "rate(240/s)", "sim.duration = 50 s" },
    { "rate \"Source: Orders\" == 600: the run gives 240",
      "config sim.duration == 20s: the run gives 50 s" } },
  /* Uniform pages: 4 x 1000 clicks/s at 400 us spread over 4 subtasks is
   * 400 ms/s each, no hot key group left to salt. */
  { "6", "06-hot-key.job", { "skew(zipf(2.0))" }, { "skew(uniform())" },
    { "key-skew page == zipf(2.0): the run gives uniform()" } },
  /* The same slowed sources behind the 500/s sink: no queue for the
   * aligned barriers to wait in, so checkpoints complete every 5 s. */
  { "7", "07-checkpoint-timeout.job", { "rate(600/s)", "sim.duration = 40 s" },
    { "rate(240/s)", "sim.duration = 50 s" },
    { "rate \"Source: Orders\" == 600: the run gives 240",
      "config sim.duration == 40s: the run gives 50 s" } },
  /* The side output, but a 2 s bound: fewer clicks late, some still
   * (3 s out of order), all sent to Late. */
  { "11", "11-late-clicks.solution.job", { "forBoundedOutOfOrderness(1 s)" },
    { "forBoundedOutOfOrderness(2 s)" },
    { "watermark-bound \"Clicks per user\" == 1s: the run gives 2 s" } },
  /* Processing-time windows need no watermark: ProcessingTimeTrigger
   * fires at the window's end on the task's clock. */
  { "14", "14-no-watermarks.job", { "TumblingEventTimeWindows" },
    { "TumblingProcessingTimeWindows" },
    { "window-assigner \"Clicks per user\" == TumblingEventTimeWindows: the run gives "
      "TumblingProcessingTimeWindows" } },
  /* A fourth TaskManager: the two groups take 2 + 4 = 6 of its 8 slots,
   * 2 free (ClusterOverview's slots-available), a TaskManager too many. */
  { "13", "13-own-slots.solution.job", { "sim.taskmanagers = 3" }, { "sim.taskmanagers = 4" },
    { "slots-available == 0: the run gives 2" } },
  /* Smaller profiles: 4 KiB x 600 x 60 s = 140.6 MiB per subtask at the
   * end, written in 1.4 s at 100 MiB/s, so hashmap's full snapshots stay
   * under 3 s and one completes every 5 s. */
  { "16", "16-growing-state.job", { "stateSize(32 kb)" }, { "stateSize(4 kb)" },
    { "state-size Profile == 32768: the run gives 4096" } },
  /* Ten thousand users: about 5000 per subtask (64 of the 128 key groups
   * each) x 32 KiB = 156 MiB,
   * 1.6 s at 100 MiB/s however long the run. */
  { "16", "16-growing-state.job", { "keys(1000000)" }, { "keys(10000)" },
    { "keys user == 1000000: the run gives 10000" } },
};

static FsimJob *
edited_job (const char *path, const char *const *from, const char *const *to)
{
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_autoptr (GString) s = g_string_new (text);
  for (guint i = 0; i < 2 && from[i]; i++)
    ck_assert_uint_eq (g_string_replace (s, from[i], to[i], 1), 1);
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_parse (s->str, path, &error);
  ck_assert_msg (job != NULL, "%s", error ? error->message : "?");
  return job;
}

START_TEST (test_wrong_fix_fails)
{
  g_autofree char *dir = fsim_test_srcpath ("lessons/exercises");
  for (guint i = 0; i < G_N_ELEMENTS (wrong_fixes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      ck_assert_ptr_nonnull (d);
      g_autofree char *prefix = g_strdup_printf ("%02d-", atoi (wrong_fixes[i].exercise));
      for (const char *f; (f = g_dir_read_name (d));)
        if (g_str_has_prefix (f, prefix) && g_str_has_suffix (f, ".exercise"))
          name = g_build_filename (dir, f, NULL);
      ck_assert_ptr_nonnull (name);
      g_autoptr (FsimExercise) ex = fsim_exercise_load (name, &error);
      ck_assert_msg (ex != NULL, "%s", error ? error->message : "?");
      g_autofree char *path = g_build_filename (dir, wrong_fixes[i].job, NULL);
      g_autoptr (FsimJob) job = edited_job (path, wrong_fixes[i].from, wrong_fixes[i].to);
      gboolean passed = TRUE;
      g_autofree char *report = NULL;
      ck_assert (fsim_exercise_check (ex, job, "en", &passed, &report, &error));
      ck_assert_msg (!passed, "%s: %s", name, report);
      guint n_fail = 0;
      for (const char *p = strstr (report, "  FAIL  "); p; p = strstr (p + 1, "  FAIL  "))
        n_fail++;
      guint want = 0;
      for (guint k = 0; k < 2 && wrong_fixes[i].fails[k]; k++, want++)
        {
          g_autofree char *line = g_strconcat ("  FAIL  ", wrong_fixes[i].fails[k], NULL);
          ck_assert_msg (strstr (report, line) != NULL, "%s: want '%s' in\n%s", name,
                         wrong_fixes[i].fails[k], report);
        }
      /* the outcome goals hold: only the pins catch it */
      ck_assert_msg (n_fail == want, "%s: %u goals fail\n%s", name, n_fail, report);
    }
}
END_TEST

void
lessons_course_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("Course");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_wrong_answers_explained);
  tcase_add_test (tc, test_right_answers_both_languages);
  tcase_add_test (tc, test_bad_lesson_located);
  tcase_add_test (tc, test_second_answer_in_a_step);
  tcase_add_test (tc, test_every_exercise_checked);
  tcase_add_test (tc, test_wrong_fix_fails);
  tcase_add_test (tc, test_source_by_its_name);
  suite_add_tcase (suite, tc);
}
