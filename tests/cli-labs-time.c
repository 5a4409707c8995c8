/* cli-labs-time.c - `flinksim lab watermarks` and `lab windows` from the
 * outside: Flink's test sequences replayed through the labs (each test
 * names its Flink test method), jsonl and text, and bad input (exit 2, the
 * argument, column and caret). */
#include "config.h"

#include <string.h>

#include "tests/testlib.h"

void cli_labs_time_tcases (Suite *suite);

/* Runs flinksim lab ARGS… --format jsonl; returns the lines. */
static GStrv
lab_jsonl (const char *const *args, int *rc)
{
  GPtrArray *all = g_ptr_array_new ();
  g_ptr_array_add (all, (gpointer) "lab");
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (all, (gpointer) *a);
  g_ptr_array_add (all, (gpointer) "--format");
  g_ptr_array_add (all, (gpointer) "jsonl");
  g_ptr_array_add (all, NULL);
  g_autofree char *out = NULL, *err = NULL;
  *rc = fsim_test_run_cli ((const char *const *) all->pdata, &out, &err);
  g_ptr_array_unref (all);
  return g_strsplit (out, "\n", -1);
}

/* The member `name` of line i, as its JSON text ("[{\"watermark\":10}]"). */
static char *
member (GStrv lines, int i, const char *name)
{
  g_autofree char *key = g_strdup_printf ("\"%s\":", name);
  const char *p = strstr (lines[i], key);
  ck_assert_msg (p != NULL, "no %s in %s", name, lines[i]);
  p += strlen (key);
  const char *q = p;
  int depth = 0;
  for (; *q; q++)
    {
      if (*q == '[' || *q == '{')
        depth++;
      else if (*q == ']' || *q == '}')
        {
          if (depth == 0)
            break;
          depth--;
        }
      else if (*q == ',' && depth == 0)
        break;
    }
  return g_strndup (p, (gsize) (q - p));
}

#define MEMBER_EQ(lines, i, name, want) do { g_autofree char *got_ = member ((lines), (i), (name)); \
  ck_assert_str_eq (got_, (want)); } while (0)

/* StatusWatermarkValveTest.testMultipleInputFlushMaxWatermarkAndWatermarkStatusOnceAllInputsBecomeIdle */
START_TEST (test_lab_valve_flush)
{
  const char *args[] = { "watermarks", "W10@0,W5@1,W3@2", "I@0", "I@1", "I@2", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 2, "emitted", "[{\"watermark\":3}]");
  MEMBER_EQ (l, 4, "emitted", "[]");
  MEMBER_EQ (l, 5, "emitted", "[{\"watermark\":10},{\"status\":\"IDLE\"}]");
  MEMBER_EQ (l, 5, "idle", "[0,1,2]");
  MEMBER_EQ (l, 5, "channel_watermarks", "[10,5,3]");
  MEMBER_EQ (l, 6, "emitted", "[{\"watermark\":3},{\"watermark\":10},{\"status\":\"IDLE\"}]");
  ck_assert (strstr (l[6], "\"summary\":true") != NULL);
}
END_TEST

/* testSingleInputWatermarksIntactDuringIdleness: a watermark on an idle
 * channel is not accepted; channel_watermarks null until one is */
START_TEST (test_lab_valve_idle_channel)
{
  const char *args[] = { "watermarks", "--channels", "2", "W25@0", "I@0", "W50@0", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 0, "channel_watermarks", "[25,null]");
  MEMBER_EQ (l, 2, "channel_watermarks", "[25,null]");
  MEMBER_EQ (l, 2, "emitted", "[]");
}
END_TEST

/* BoundedOutOfOrdernessWatermarksTest.testWatermarkAfterNonMonotonousEvents
 * (bound 10 ms: 12345 - 10 - 1) and TimestampsAndWatermarksOperator's one
 * emission per timer, the next one interval after it fired */
START_TEST (test_lab_generator)
{
  const char *args[] = { "watermarks", "--generator",
                         "WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(10))",
                         "R@12345", "R@12300", "P199", "P200", "R@12340", "R@12280", "P1000",
                         "P1199", "P1200", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 0, "emitted", "[{\"record\":12345}]");
  MEMBER_EQ (l, 2, "emitted", "[]");
  MEMBER_EQ (l, 3, "emitted", "[{\"watermark\":12334}]");
  MEMBER_EQ (l, 6, "emitted", "[]");      /* 12334 again: not forwarded */
  MEMBER_EQ (l, 7, "emitted", "[]");      /* next timer at 1200 */
}
END_TEST

/* WindowOperatorTest.testSideOutputDueToLatenessTumbling through the lab */
START_TEST (test_lab_windows_side_output)
{
  const char *args[] = { "windows", "--assigner", "TumblingEventTimeWindows.of(2 s)",
                         "--side-output-late", "Rkey2=1@1000", "W1985", "Rkey2=1@1980", "W1999",
                         "Rkey2=1@1998", "Rkey2=1@2001", "W2999", "W3999", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 3, "fired", "[{\"key\":\"key2\",\"start\":0,\"end\":2000,\"result\":2}]");
  MEMBER_EQ (l, 4, "side_output", "[4]");
  MEMBER_EQ (l, 4, "late", "[]");
  MEMBER_EQ (l, 5, "open", "[{\"key\":\"key2\",\"start\":2000,\"end\":4000}]");
  MEMBER_EQ (l, 7, "fired", "[{\"key\":\"key2\",\"start\":2000,\"end\":4000,\"result\":1}]");
  MEMBER_EQ (l, 8, "side_output", "[4]");
}
END_TEST

/* Keys sort integers first (by value), then strings; a count window's
 * start and end are null (countWindow(2): PurgingTrigger(CountTrigger(2))) */
START_TEST (test_lab_windows_keys_and_global)
{
  const char *args[] = { "windows", "--assigner", "countWindow(2)", "--function", "count",
                         "Rb=1@0", "R10=1@0", "R-3=1@0", "Ra=1@0", "R10=7@0", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 3, "open", "[{\"key\":-3,\"start\":null,\"end\":null},"
             "{\"key\":10,\"start\":null,\"end\":null},{\"key\":\"a\",\"start\":null,\"end\":null},"
             "{\"key\":\"b\",\"start\":null,\"end\":null}]");
  MEMBER_EQ (l, 4, "fired", "[{\"key\":10,\"start\":null,\"end\":null,\"result\":2}]");
}
END_TEST

/* Java longs: negative event times and Long.MAX_VALUE, never through the
 * microsecond clock; a negative offset as Flink allows */
START_TEST (test_lab_windows_long_times)
{
  const char *args[] = { "windows", "--assigner", "TumblingEventTimeWindows.of(3 s, -1 s)",
                         "Rk=1@-1", "Rk=2@9223372036854775000", "W9223372036854775807", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 0, "open", "[{\"key\":\"k\",\"start\":-1000,\"end\":2000}]");
  ck_assert (strstr (l[2], "\"result\":1") != NULL);
  ck_assert (strstr (l[2], "\"result\":2") != NULL);
}
END_TEST

/* SlidingEventTimeWindowsTest.testWindowAssignmentWithNegativeOffset
 * (size 5000, slide 1000, offset -100) through the lab: an element at 0 is
 * in the five windows from [-4100, 900) to [-100, 4900) */
START_TEST (test_lab_windows_sliding_negative_offset)
{
  const char *args[] = { "windows", "--assigner",
                         "SlidingEventTimeWindows.of(Duration.ofMillis(5000), "
                         "Duration.ofMillis(1000), Duration.ofMillis(-100))",
                         "RString=1@0", "RString=1@4899", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  MEMBER_EQ (l, 0, "open", "[{\"key\":\"String\",\"start\":-4100,\"end\":900},"
             "{\"key\":\"String\",\"start\":-3100,\"end\":1900},"
             "{\"key\":\"String\",\"start\":-2100,\"end\":2900},"
             "{\"key\":\"String\",\"start\":-1100,\"end\":3900},"
             "{\"key\":\"String\",\"start\":-100,\"end\":4900}]");
  /* 4899 adds [900, 5900) .. [3900, 8900) to the windows held */
  g_autofree char *open = member (l, 1, "open");
  ck_assert (strstr (open, "\"start\":3900,\"end\":8900") != NULL);
  ck_assert (strstr (open, "\"start\":-4100,\"end\":900") != NULL);
}
END_TEST

/* WindowOperatorTest.testContinuousWatermarkTrigger through the lab:
 * GlobalWindows, ContinuousEventTimeTrigger.of(3 s); key1 fires at
 * watermark 3000 and 6000, key2 (first element at 3000) at 6000 */
START_TEST (test_lab_windows_continuous_trigger)
{
  const char *args[] = { "windows", "--assigner", "GlobalWindows.create()", "--trigger",
                         "ContinuousEventTimeTrigger.of(Duration.ofSeconds(3))", "Rkey1=1@0",
                         "Rkey2=1@3000", "Rkey2=1@3999", "Rkey1=1@20", "Rkey1=1@999",
                         "Rkey2=1@1998", "Rkey2=1@1999", "Rkey2=1@1000", "W1000", "W2000",
                         "W3000", "W4000", "W5000", "W6000", "W7000", "W8000", NULL };
  int rc;
  g_auto (GStrv) l = lab_jsonl (args, &rc);
  ck_assert_int_eq (rc, 0);
  for (int i = 8; i <= 15; i++)
    if (i != 10 && i != 13)
      MEMBER_EQ (l, i, "fired", "[]");
  MEMBER_EQ (l, 10, "fired", "[{\"key\":\"key1\",\"start\":null,\"end\":null,\"result\":3}]");
  MEMBER_EQ (l, 13, "fired", "[{\"key\":\"key1\",\"start\":null,\"end\":null,\"result\":3},"
             "{\"key\":\"key2\",\"start\":null,\"end\":null,\"result\":5}]");
}
END_TEST

static void
expect_bad (const char *const *args, const char *where, const char *caret_line)
{
  g_autofree char *out = NULL, *err = NULL;
  ck_assert_int_eq (fsim_test_run_cli (args, &out, &err), 2);
  ck_assert_msg (strstr (err, where) != NULL, "%s", err);
  ck_assert_msg (strstr (err, caret_line) != NULL, "%s", err);
  ck_assert_str_eq (out, "");
}

START_TEST (test_lab_time_bad_input)
{
  const char *a1[] = { "lab", "watermarks", "W5@0", "X@1", NULL };
  expect_bad (a1, "argument 2, column 1", "\n  ^");
  const char *a2[] = { "lab", "watermarks", "W1x@0", NULL };
  expect_bad (a2, "argument 1, column 2", "\n   ^");
  const char *a3[] = { "lab", "windows", "--assigner", "TumblingEventTimeWindow.of(3 s)", "W1",
                       NULL };
  expect_bad (a3, "did you mean 'TumblingEventTimeWindows.of'?", "\n  ^");
  const char *a4[] = { "lab", "windows", "--assigner", "GlobalWindows.create()", "--trigger",
                       "PurgingTrigger.of(EventTimeTrigger)", "R1=1@0", NULL };
  expect_bad (a4, "column 19", "\n                    ^");
  const char *a5[] = { "lab", "windows", "--assigner", "countWindow(2)", "Rk=x@0", NULL };
  expect_bad (a5, "argument 3, column 4", "\n     ^");
  const char *a6[] = { "lab", "watermarks", "--generator",
                       "WatermarkStrategy.forMonotonousTimestamps().withIdleness(0 s)", NULL };
  expect_bad (a6, "idleTimeout must be greater than zero", "^");
  const char *a7[] = { "lab", "windows", "--assigner", "countWindow(2)", "P5", "P4", NULL };
  expect_bad (a7, "argument 4, column 2", "\n   ^");
  /* a negative size is the assigner's own error, as in
   * TumblingEventTimeWindowsTest.testInvalidParameters */
  const char *a8[] = { "lab", "windows", "--assigner", "TumblingEventTimeWindows.of(-1 s)", "W1",
                       NULL };
  expect_bad (a8, "TumblingEventTimeWindows parameters must satisfy abs(offset) < size", "\n  ^");
  const char *a9[] = { "lab", "windows", "--assigner",
                       "TumblingEventTimeWindows.of(5 s, 0 s, WindowStagger.RANDOM)", "W1", NULL };
  expect_bad (a9, "WindowStagger.RANDOM is not simulated", "\n                                        ^");
}
END_TEST

void
cli_labs_time_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("lab watermarks, lab windows");
  tcase_add_test (tc, test_lab_valve_flush);
  tcase_add_test (tc, test_lab_valve_idle_channel);
  tcase_add_test (tc, test_lab_generator);
  tcase_add_test (tc, test_lab_windows_side_output);
  tcase_add_test (tc, test_lab_windows_keys_and_global);
  tcase_add_test (tc, test_lab_windows_long_times);
  tcase_add_test (tc, test_lab_windows_sliding_negative_offset);
  tcase_add_test (tc, test_lab_windows_continuous_trigger);
  tcase_add_test (tc, test_lab_time_bad_input);
  suite_add_tcase (suite, tc);
}
