/* scheduler-placement.c - which subtasks share a slot, on which TaskManager.
 *
 * Expected placements follow from three rules:
 *  - LocalInputPreferredSlotSharingStrategy: same
 *    parallelism -> subtask i of every vertex in group i; A(p_a) all-to-all
 *    B(p_b): B_i joins A_i's group for i < min (p_a, p_b); different
 *    SlotSharingGroups never share (SlotSharingExecutionSlotAllocatorTest).
 *  - DefaultResourceAllocationStrategy: NONE fills one TaskManager before the
 *    next; SLOTS takes the least utilised TaskManager (DefaultResourceAllocationStrategy).
 *  - flinksim's documented tie-breaks (resource-manager.c, slot-pool.c):
 *    TaskManagers in registration order, lowest free slot, a TaskManager
 *    offers the slots allocated to it together once connected to the
 *    JobMaster, and each accepted offer serves the oldest request (groups in
 *    creation order).
 * The placement is read from slot-assigned records only. */
#include "config.h"

#include "tests/scheduler-tests.h"

static void
assert_at (TestJob *j, int vertex, int subtask, int tm, int slot)
{
  const FsimTraceRecord *r = test_last (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED, vertex, subtask);
  ck_assert_msg (r != NULL, "vertex %d subtask %d got no slot", vertex, subtask);
  ck_assert_msg (r->taskmanager == tm && r->slot == slot,
                 "%s: expected TaskManager %d slot %d, got TaskManager %d slot %d",
                 r->label, tm, slot, r->taskmanager, r->slot);
}

/* Source(2) -rebalance-> Map(4) -keyBy-> Sink(4): one region (all-to-all),
 * four shared slots {S0,M0,K0} {S1,M1,K1} {M2,K2} {M3,K3}. */
static TestJob *
fan_out_job (void)
{
  TestJob *j = test_job_new ("Fan Out");
  FsimStreamNode *s = test_source (j, "S", 2);
  FsimStreamNode *m = test_op (j, "Map", 4);
  FsimStreamNode *k = test_sink (j, "K", 4);
  test_connect (j, s, m, FSIM_PARTITIONER_REBALANCE);
  test_connect (j, m, k, FSIM_PARTITIONER_HASH);
  return j;
}

static void
assert_fan_out_groups (TestJob *j, const int tm[4], const int slot[4])
{
  /* vertices in topological order: Source 0, Map 1, Sink 2 */
  assert_at (j, 0, 0, tm[0], slot[0]);
  assert_at (j, 0, 1, tm[1], slot[1]);
  for (int i = 0; i < 4; i++)
    {
      assert_at (j, 1, i, tm[i], slot[i]);
      assert_at (j, 2, i, tm[i], slot[i]);
    }
}

/* NONE on 2 TaskManagers x 2 slots: TaskManager 1 fills first. */
START_TEST (test_fill_taskmanagers_in_order)
{
  g_autoptr (TestJob) j = fan_out_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 2);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  static const int tm[4] = { 1, 1, 2, 2 }, slot[4] = { 0, 1, 0, 1 };
  assert_fan_out_groups (j, tm, slot);
  /* one physical slot request per ExecutionSlotSharingGroup */
  g_autoptr (GPtrArray) requests = test_records (j->trace, FSIM_SCHED_KIND_SLOT_REQUEST);
  ck_assert_int_eq (requests->len, 4);
}
END_TEST

/* NONE on 2 TaskManagers x 4 slots: everything on TaskManager 1. */
START_TEST (test_none_packs_one_taskmanager)
{
  g_autoptr (TestJob) j = fan_out_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 4);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  static const int tm[4] = { 1, 1, 1, 1 }, slot[4] = { 0, 1, 2, 3 };
  assert_fan_out_groups (j, tm, slot);
}
END_TEST

/* taskmanager.load-balance.mode SLOTS on 2 x 4: the RM alternates between
 * the least utilised TaskManagers (TM1 s0, TM2 s0, TM1 s1, TM2 s1); each TM
 * offers its two slots together, TM1 first, so groups 0,1 land on TM1 and
 * 2,3 on TM2: two slots used on each. */
START_TEST (test_slots_mode_spreads)
{
  g_autoptr (TestJob) j = fan_out_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 4);
  s.load_balance = FSIM_LOAD_BALANCE_SLOTS;
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  static const int tm[4] = { 1, 1, 2, 2 }, slot[4] = { 0, 1, 0, 1 };
  assert_fan_out_groups (j, tm, slot);
  g_autoptr (GPtrArray) allocs = test_records (j->trace, FSIM_SCHED_KIND_SLOT_ALLOCATION);
  ck_assert_int_eq (allocs->len, 4);
  static const int order_tm[4] = { 1, 2, 1, 2 }, order_slot[4] = { 0, 0, 1, 1 };
  for (int i = 0; i < 4; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (allocs, i);
      ck_assert_int_eq (r->taskmanager, order_tm[i]);
      ck_assert_int_eq (r->slot, order_slot[i]);
    }
}
END_TEST

/* A chained Source -> Map with parallelism 4 and only forward edges: four
 * pipelined regions, one shared slot each, scheduled in topological order,
 * so subtask k ends in slot k. */
START_TEST (test_pointwise_regions_one_slot_each)
{
  g_autoptr (TestJob) j = test_job_new ("Islands");
  FsimStreamNode *src = test_source (j, "S", 4);
  FsimStreamNode *map = test_op (j, "Map", 4);
  test_connect (j, src, map, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings s;
  test_settings (&s, 1, 4);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) regions = test_records (j->trace, FSIM_SCHED_KIND_REGION_SCHEDULED);
  ck_assert_int_eq (regions->len, 4);
  for (int k = 0; k < 4; k++)
    {
      assert_at (j, 0, k, 1, k);
      ck_assert_ptr_nonnull (test_entered (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE, 0, k,
                                           "RUNNING"));
    }
}
END_TEST

/* slotSharingGroup("other") on Map: Source and Map never share a slot, the
 * job needs 2 + 2 slots (sum over groups of the max parallelism). */
START_TEST (test_different_groups_never_share)
{
  g_autoptr (TestJob) j = test_job_new ("Two Groups");
  FsimStreamNode *src = test_source (j, "S", 2);
  FsimStreamNode *map = test_op (j, "Map", 2);
  g_free (map->slot_sharing_group);
  map->slot_sharing_group = g_strdup ("other");
  test_connect (j, src, map, FSIM_PARTITIONER_FORWARD);
  FsimClusterSettings s;
  test_settings (&s, 2, 2);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  ck_assert_int_eq (fsim_execution_graph_get_slots_needed (j->eg), 4);
  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++)
      {
        const FsimTraceRecord *rs = test_last (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED, 0, a);
        const FsimTraceRecord *rm = test_last (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED, 1, b);
        ck_assert_ptr_nonnull (rs);
        ck_assert_ptr_nonnull (rm);
        ck_assert (!(rs->taskmanager == rm->taskmanager && rs->slot == rm->slot));
      }
}
END_TEST

/* DefaultExecutionDeployer deploysTasksOnlyWhenAllSlotRequestsAreFulfilled:
 * in one region, no execution is DEPLOYING before the last slot-assigned. */
START_TEST (test_deploy_only_when_bulk_complete)
{
  g_autoptr (TestJob) j = fan_out_job ();
  FsimClusterSettings s;
  test_settings (&s, 2, 2);
  test_job_start (j, &s);
  test_job_run (j, 10 * G_USEC_PER_SEC);
  g_autoptr (GPtrArray) assigned = test_records (j->trace, FSIM_SCHED_KIND_SLOT_ASSIGNED);
  ck_assert_int_eq (assigned->len, 10);
  gint64 last_assigned = ((const FsimTraceRecord *) g_ptr_array_index (assigned, 9))->seq;
  g_autoptr (GPtrArray) states = test_records (j->trace, FSIM_SCHED_KIND_EXECUTION_STATE);
  int deploying = 0;
  gint64 prev = -1;
  for (guint i = 0; i < states->len; i++)
    {
      const FsimTraceRecord *r = g_ptr_array_index (states, i);
      if (g_strcmp0 (fsim_trace_record_to_name (r), "DEPLOYING") != 0)
        continue;
      ck_assert_int_gt (r->seq, last_assigned);
      /* scheduledVertexOrderFromSchedulingStrategyIsRespected: topological */
      gint64 order = r->vertex * 100 + r->subtask;
      ck_assert_int_gt (order, prev);
      prev = order;
      deploying++;
    }
  ck_assert_int_eq (deploying, 10);
}
END_TEST

void
scheduler_placement_tcases (Suite *suite)
{
  TCase *tc = tcase_create ("SlotSharingExecutionSlotAllocator");
  tcase_add_test (tc, test_fill_taskmanagers_in_order);
  tcase_add_test (tc, test_different_groups_never_share);
  tcase_add_test (tc, test_pointwise_regions_one_slot_each);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("DefaultResourceAllocationStrategy");
  tcase_add_test (tc, test_none_packs_one_taskmanager);
  tcase_add_test (tc, test_slots_mode_spreads);
  suite_add_tcase (suite, tc);
  tc = tcase_create ("DefaultExecutionDeployer");
  tcase_add_test (tc, test_deploy_only_when_bulk_complete);
  suite_add_tcase (suite, tc);
}
