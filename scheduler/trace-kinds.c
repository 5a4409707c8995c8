/* trace-kinds.c - the record kinds the scheduler writes, one table, and the
 * state machines their from / to belong to.
 *
 * Viewers (text log, Perfetto export, TUI, slot view), tests and
 * `flinksim run --kinds` read these descriptors; none of them looks at a
 * kind's spelling. A kind is added here and nowhere else. */
#include "config.h"

#include "scheduler/scheduler-private.h"

const char *const fsim_sched_guarantee_names[] = { "AT_LEAST_ONCE", "EXACTLY_ONCE",
                                                   "AT_MOST_ONCE", NULL };

/* ExecutionState, by Flink's ordinal; the tones say how a viewer draws it. */
static const FsimTone execution_tones[FSIM_EXECUTION_STATE_COUNT] = {
  [FSIM_EXECUTION_CREATED] = FSIM_TONE_WAITING,
  [FSIM_EXECUTION_SCHEDULED] = FSIM_TONE_PENDING,
  [FSIM_EXECUTION_DEPLOYING] = FSIM_TONE_STARTING,
  [FSIM_EXECUTION_RUNNING] = FSIM_TONE_ACTIVE,
  [FSIM_EXECUTION_FINISHED] = FSIM_TONE_DONE,
  [FSIM_EXECUTION_CANCELING] = FSIM_TONE_STOPPING,
  [FSIM_EXECUTION_CANCELED] = FSIM_TONE_STOPPED,
  [FSIM_EXECUTION_FAILED] = FSIM_TONE_FAILED,
  [FSIM_EXECUTION_RECONCILING] = FSIM_TONE_PENDING,
  [FSIM_EXECUTION_INITIALIZING] = FSIM_TONE_PREPARING,
};

const FsimStateMachine fsim_execution_state_machine = {
  "ExecutionState", FSIM_EXECUTION_STATE_COUNT, fsim_sched_execution_state_names,
  execution_tones,
};

static const FsimTone job_tones[FSIM_JOB_STATUS_COUNT] = {
  [FSIM_JOB_INITIALIZING] = FSIM_TONE_STARTING,
  [FSIM_JOB_CREATED] = FSIM_TONE_WAITING,
  [FSIM_JOB_RUNNING] = FSIM_TONE_ACTIVE,
  [FSIM_JOB_FAILING] = FSIM_TONE_STOPPING,
  [FSIM_JOB_FAILED] = FSIM_TONE_FAILED,
  [FSIM_JOB_CANCELLING] = FSIM_TONE_STOPPING,
  [FSIM_JOB_CANCELED] = FSIM_TONE_STOPPED,
  [FSIM_JOB_FINISHED] = FSIM_TONE_DONE,
  [FSIM_JOB_RESTARTING] = FSIM_TONE_RECOVERING,
  [FSIM_JOB_SUSPENDED] = FSIM_TONE_STOPPED,
  [FSIM_JOB_RECONCILING] = FSIM_TONE_PENDING,
};

const FsimStateMachine fsim_job_status_machine = {
  "JobStatus", FSIM_JOB_STATUS_COUNT, fsim_sched_job_status_names, job_tones,
};

/* What a task's main thread spends its time on, as Flink's task metrics
 * split it (idleTimeMsPerSecond, busyTimeMsPerSecond,
 * backPressuredTimeMsPerSecond; aligning is the time an aligned checkpoint
 * keeps inputs blocked, checkpointAlignmentTime). Written by the task
 * runtime once records flow. */
static const char *const channel_element_names[] = { "watermark", "IDLE", "ACTIVE", NULL };

static const char *const activity_names[FSIM_TASK_ACTIVITY_COUNT] = {
  [FSIM_TASK_IDLE] = "idle",
  [FSIM_TASK_BUSY] = "busy",
  [FSIM_TASK_BACKPRESSURED] = "backpressured",
  [FSIM_TASK_ALIGNING] = "aligning",
};

static const FsimTone activity_tones[FSIM_TASK_ACTIVITY_COUNT] = {
  [FSIM_TASK_IDLE] = FSIM_TONE_WAITING,
  [FSIM_TASK_BUSY] = FSIM_TONE_ACTIVE,
  [FSIM_TASK_BACKPRESSURED] = FSIM_TONE_HELD,
  [FSIM_TASK_ALIGNING] = FSIM_TONE_BLOCKED,
};

const FsimStateMachine fsim_task_activity_machine = {
  "task activity", FSIM_TASK_ACTIVITY_COUNT, activity_names, activity_tones,
};

#define S "scheduler"
#define STATE FSIM_KIND_STATE_CHANGE

const FsimTraceKindDesc fsim_sched_kinds[FSIM_SCHED_KIND_COUNT] = {
  [FSIM_SCHED_KIND_CLUSTER] = { "cluster", S,
    "the cluster started or shut down", 0, NULL, FSIM_COMPONENT_SIMULATOR, { { 0 } } },
  [FSIM_SCHED_KIND_TASKMANAGER_REGISTERED] = { "taskmanager-registered", S,
    "ResourceManager.registerTaskExecutor accepted a TaskManager", 0, NULL,
    FSIM_COMPONENT_RESOURCEMANAGER, { { "slots", "slots", "taskmanager.numberOfTaskSlots" } } },
  [FSIM_SCHED_KIND_SLOT_REGISTERED] = { "slot-registered", S,
    "a slot of a TaskManager's SlotReport is known to the slot manager", 0, NULL,
    FSIM_COMPONENT_RESOURCEMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_HEARTBEAT] = { "heartbeat", S,
    "a TaskManager answered a heartbeat request (detail: who asked)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT] = { "heartbeat-timeout", S,
    "no heartbeat from a TaskManager within heartbeat.timeout", FSIM_KIND_FAILURE, NULL,
    FSIM_COMPONENT_RESOURCEMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_JOB_SUBMITTED] = { "job-submitted", S,
    "Dispatcher.submitJob: the job is INITIALIZING (to)", STATE, &fsim_job_status_machine,
    FSIM_COMPONENT_DISPATCHER, { { 0 } } },
  [FSIM_SCHED_KIND_EXECUTION_GRAPH] = { "execution-graph", S,
    "the JobMaster built the ExecutionGraph", 0, NULL, FSIM_COMPONENT_JOBMASTER,
    { { "job_vertices", "vertices", "JobVertices" },
      { "subtasks", "subtasks", "ExecutionVertices" },
      { "slots_needed", "slots", "execution slot sharing groups" } } },
  [FSIM_SCHED_KIND_JOB_STATUS] = { "job-status", S,
    "JobStatus transition (from, to)", STATE, &fsim_job_status_machine,
    FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_REGION_SCHEDULED] = { "region-scheduled", S,
    "PipelinedRegionSchedulingStrategy schedules a pipelined region", 0, NULL,
    FSIM_COMPONENT_JOBMASTER, { { "subtasks", "subtasks", "ExecutionVertices in the region" } } },
  [FSIM_SCHED_KIND_SLOT_REQUEST] = { "slot-request", S,
    "one physical slot request for an ExecutionSlotSharingGroup", 0, NULL,
    FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_RESOURCE_REQUIREMENTS] = { "resource-requirements", S,
    "the slot pool's declared requirement reached the ResourceManager", 0, NULL,
    FSIM_COMPONENT_RESOURCEMANAGER,
    { { "required_slots", "slots", "declared by the job" },
      { "free_slots", "slots", "free in the cluster" } } },
  [FSIM_SCHED_KIND_SLOT_ALLOCATION] = { "slot-allocation", S,
    "the slot manager allocates a TaskManager slot to the job", 0, NULL,
    FSIM_COMPONENT_RESOURCEMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_SLOT_OFFER] = { "slot-offer", S,
    "a TaskManager offered a slot; the JobMaster's slot pool accepted it", 0, NULL,
    FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_SLOT_ASSIGNED] = { "slot-assigned", S,
    "an execution got its logical slot in a shared slot", 0, NULL,
    FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_EXECUTION_STATE] = { "execution-state", S,
    "ExecutionState transition as the JobManager sees it (from, to)", STATE,
    &fsim_execution_state_machine, FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_TASK_STATE] = { "task-state", S,
    "ExecutionState transition of the Task on its TaskManager (from, to)", STATE,
    &fsim_execution_state_machine, FSIM_COMPONENT_TASKMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_END_OF_PARTITION] = { "end-of-partition", S,
    "an EndOfPartitionEvent from a finished producer reached a task", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_BULK_TIMEOUT] = { "bulk-timeout", S,
    "a slot request bulk stayed unfulfillable for slot.request.timeout", FSIM_KIND_FAILURE,
    NULL, FSIM_COMPONENT_JOBMASTER, { { 0 } } },
  [FSIM_SCHED_KIND_SLOT_RELEASED] = { "slot-released", S,
    "a slot went back to its TaskManager's free slots", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_RUN_END] = { "run-end", S,
    "the simulation stopped at its time limit", FSIM_KIND_RUN_END, NULL,
    FSIM_COMPONENT_SIMULATOR, { { 0 } } },
  [FSIM_SCHED_KIND_FAULT] = { "fault", S,
    "a fault of the fault plan strikes (or finds nothing to hit)",
    FSIM_KIND_FAILURE | FSIM_KIND_MARKER, NULL, FSIM_COMPONENT_SIMULATOR, { { 0 } } },
  [FSIM_SCHED_KIND_STALE_REPORT] = { "stale-report", S,
    "a report for an ExecutionAttemptID that is not registered (an earlier or a terminal "
    "attempt) was dropped", 0, NULL, FSIM_COMPONENT_JOBMASTER,
    { { "current_attempt", "attempt", "the vertex's current attempt number" } } },
  [FSIM_SCHED_KIND_TASK_ACTIVITY] = { "task-activity", S,
    "a running task became backpressured, or stopped being so (from, to)", STATE,
    &fsim_task_activity_machine, FSIM_COMPONENT_TASKMANAGER,
    { { "records_in", "records", "numRecordsIn so far" },
      { "records_out", "records", "numRecordsOut so far" },
      { "buffers_out", "buffers", "numBuffersOut so far" } } },
  [FSIM_SCHED_KIND_CHANNEL_SAMPLE] = { "channel-sample", S,
    "one channel from a subpartition (the record's channel) to its consumer's input channel, "
    "once a second: buffers queued at the sender, the sender's credit, buffers received and not "
    "yet read", FSIM_KIND_SAMPLE, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { [FSIM_CHANNEL_SAMPLE_VALUE_BACKLOG] = { "backlog", "buffers",
        "in the subpartition, not yet sent" },
      [FSIM_CHANNEL_SAMPLE_VALUE_CREDIT] = { "credit", "credits",
        "the sender's unspent credit; -1: local, no credit" },
      [FSIM_CHANNEL_SAMPLE_VALUE_QUEUED] = { "queued", "buffers",
        "arrived at the input channel, not yet read" },
      [FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_VERTEX] = { "consumer_vertex", "index",
        "the consuming subtask's JobVertex, numbered as vertex is" },
      [FSIM_CHANNEL_SAMPLE_VALUE_CONSUMER_SUBTASK] = { "consumer_subtask", "index",
        "the consuming subtask's index, 0-based" } } },
  [FSIM_SCHED_KIND_FAILOVER] = { "failover", S,
    "ExecutionFailureHandler handled a task failure: the restart strategy's decision and what "
    "the failover strategy restarts", FSIM_KIND_FAILURE | FSIM_KIND_MARKER, NULL,
    FSIM_COMPONENT_JOBMASTER,
    { [FSIM_FAILOVER_VALUE_RESTART_ATTEMPT] = { "restart_attempt", "attempts",
        "the strategy's attempt count after this failure" },
      [FSIM_FAILOVER_VALUE_SUBTASKS] = { "subtasks", "subtasks", "to restart; 0: the job fails" },
      [FSIM_FAILOVER_VALUE_BACKOFF_US] = { "backoff_us", "us", "until restartTasks; -1: no restart" },
      [FSIM_FAILOVER_VALUE_MAX_ATTEMPTS] = { "max_attempts", "attempts", "the most restart_attempt may be and the job restart: "
        "fixed-delay attempts, failure-rate max-failures-per-interval, exponential-delay "
        "attempts-before-reset-backoff; 0: none" } } },
  [FSIM_SCHED_KIND_BUFFER_SENT] = { "buffer-sent", S,
    "--detail buffers: a finished buffer, or a flushed part of one, joins its subpartition's "
    "queue for the input channel", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "bytes", "bytes", "in the buffer" },
      { "elements", "elements", "records and watermarks whose last byte is in it" },
      { "backlog", "buffers", "queued in the subpartition, it included" } } },
  [FSIM_SCHED_KIND_BUFFER_RECEIVED] = { "buffer-received", S,
    "--detail buffers: a buffer reached its input channel", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "bytes", "bytes", "in the buffer" },
      { "elements", "elements", "records and watermarks whose last byte is in it" },
      { "queued", "buffers", "at the input channel, not yet read, it included" } } },
  [FSIM_SCHED_KIND_WATERMARK] = { "watermark", S,
    "a task's input watermark (its valves combined, StatusWatermarkValve) advanced; at most one "
    "a second per task, the last advance of it (--detail event-time: every advance, the detail "
    "naming the channel that now holds the minimum)", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "watermark_ms", "ms", "currentInputWatermark (Long.MAX_VALUE: end of input)" },
      { "advances", "watermarks", "advances since the last watermark record" } } },
  [FSIM_SCHED_KIND_WATERMARK_HELD] = { "watermark-held", S,
    "an event-time window's task has not advanced its watermark for a second: the input channel "
    "that holds it back (StatusWatermarkValve's minimum over channels not IDLE); again when "
    "another channel holds it, or 10 s later", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "watermark_ms", "ms", "currentInputWatermark (Long.MIN_VALUE: none yet)" },
      { "held_ms", "ms", "since it last advanced (or the task began)" },
      { "channel_watermark_ms", "ms", "the holding channel's watermark (Long.MIN_VALUE: none)" },
      { "silent_ms", "ms", "since the holding channel's last watermark; -1: it sent none" },
      { "active", "channels", "input channels not IDLE" },
      { "idle", "channels", "IDLE input channels" } } },
  [FSIM_SCHED_KIND_WINDOW_LATE] = { "window-late", S,
    "a window operator got late records since its last window-late record (at most one a "
    "second per task): dropped, or sent to the late data side output", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "dropped", "records", "numLateRecordsDropped since the last window-late record" },
      { "side_output", "records", "to the late data side output since then" },
      { "dropped_total", "records", "numLateRecordsDropped so far" },
      { "side_output_total", "records", "to the side output so far" } } },
  [FSIM_SCHED_KIND_WINDOW_SAMPLE] = { "window-sample", S,
    "a window operator once a second: the windows it holds, its next timer (the window that "
    "fires or is cleaned up next) and the event times of the records that arrived", FSIM_KIND_SAMPLE,
    NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "open", "windows", "(key, window) pairs holding state (contents, trigger, merging set)" },
      { "timers", "timers", "event- and processing-time timers set" },
      { "next_timer_ms", "ms", "the earliest timer of the assigner's time (Long.MIN_VALUE: none)" },
      { "watermark_ms", "ms", "the operator's current watermark (Long.MIN_VALUE: none yet)" },
      { "records", "records", "arrived since the last sample" },
      { "min_timestamp_ms", "ms", "their lowest event time (Long.MIN_VALUE: none arrived)" },
      { "max_timestamp_ms", "ms", "their highest event time (Long.MIN_VALUE: none arrived)" },
      { "late", "records", "of them late: dropped or sent to the late side output" } } },
  [FSIM_SCHED_KIND_WINDOW_FIRED] = { "window-fired", S,
    "a WindowOperator's timers fired windows (on a watermark or processing time); one record "
    "per watermark or timer step (--detail event-time: an element's firings too, the detail "
    "listing each window, its key and count)", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "windows", "windows", "fired: one result record each" },
      { "records", "records", "in the windows fired" },
      { "time_ms", "ms", "the watermark (event time) or the processing time that fired them" } } },
  [FSIM_SCHED_KIND_BARRIER_SENT] = { "barrier-sent", S,
    "a task broadcast a checkpoint barrier to its outputs, after the records before it "
    "(RecordWriter.broadcastEvent)", FSIM_KIND_MARKER, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "persisted", "bytes", "buffers it overtook: output channel state (unaligned)" },
      { "outputs", "partitions", "result partitions it went to" } } },
  [FSIM_SCHED_KIND_BARRIER_RECEIVED] = { "barrier-received", S,
    "a task polled a checkpoint barrier from one input channel (CheckpointedInputGate)",
    FSIM_KIND_MARKER, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "since_trigger", "us", "from the checkpoint's trigger to now" },
      { "since_sent", "us", "from its producer sending it to now" },
      { "ahead", "buffers", "data buffers ahead of it on its way" } } },
  [FSIM_SCHED_KIND_CHANNEL_BLOCKED] = { "channel-blocked", S,
    "aligned checkpoint: an input channel's barrier is in; nothing more is read from it until "
    "the last channel's barrier is", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "open", "channels", "input channels not finished" } } },
  [FSIM_SCHED_KIND_CHANNEL_RESUMED] = { "channel-resumed", S,
    "an input channel blocked for an alignment is read again (resumeConsumption)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "blocked", "us", "since its channel-blocked record (0 without one)" } } },
  [FSIM_SCHED_KIND_SNAPSHOT] = { "snapshot", S,
    "a task took its snapshot's synchronous part on the task thread", FSIM_KIND_PROGRESS, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "sync", "us", "synchronous part" },
      { "state", "bytes", "keyed and operator state" },
      { "to_write", "bytes", "what the asynchronous part writes of it" } } },
  [FSIM_SCHED_KIND_SNAPSHOT_DONE] = { "snapshot-done", S,
    "a task's snapshot is written (asynchronous part); it acknowledges to the JobMaster",
    FSIM_KIND_PROGRESS, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "async", "us", "asynchronous part" },
      { "checkpointed", "bytes", "written: state and in-flight data" },
      { "persisted", "bytes", "of which in-flight data (channel state)" } } },
  [FSIM_SCHED_KIND_CHECKPOINT_ABORTED_AT_TASK] = { "checkpoint-aborted-at-task", S,
    "a task's barrier handler aborted a checkpoint (a newer barrier, a cancel marker, an input "
    "ended): it declines and sends a CancelCheckpointMarker on", FSIM_KIND_FAILURE, NULL,
    FSIM_COMPONENT_TASKMANAGER, { { 0 } } },
  [FSIM_SCHED_KIND_RESTORE] = { "restore", S,
    "a restarted task restored its state from the latest completed checkpoint, or started from "
    "scratch without one (StreamTask.restoreInner)", FSIM_KIND_MARKER, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "restored_from", "id", "the checkpoint restored; 0: none, from scratch" },
      { "source_offset", "records", "a source's next record; -1: not a source" },
      { "state_records", "records", "counted into its keyed state, as restored" },
      { "windows", "windows", "(key, window) pairs restored into its window operators" } } },
  [FSIM_SCHED_KIND_SORTED_INPUT] = { "sorted-input", S,
    "BATCH: a keyed task's input ended (END_OF_DATA) and it sorted every record it took in by "
    "key (SortingDataInput); it emits them key by key from now on", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "records", "records", "taken in and sorted" },
      { "keys", "keys", "distinct keys among them: the operator sees one after another" },
      { "comparisons", "comparisons", "charged: records * ceil(log2 records)" },
      { "sort_us", "us", "the sort's time: comparisons * sim.sort-comparison-cost" } } },
  [FSIM_SCHED_KIND_VERDICT] = { "verdict", S,
    "the run's exactly-once verdict: the guarantee its checkpointing mode promises, and whether "
    "every restore kept it (records lost or counted twice, in keyed state and in sink output)",
    FSIM_KIND_VERDICT, NULL, FSIM_COMPONENT_SIMULATOR,
    { { "guarantee", "", "EXACTLY_ONCE, AT_LEAST_ONCE, or AT_MOST_ONCE with a source that "
                         "cannot rewind (a socket)", fsim_sched_guarantee_names },
      { "holds", "bool", "nothing lost (AT_MOST_ONCE: may lose), and with EXACTLY_ONCE or "
                         "AT_MOST_ONCE no state or committed output counted twice" },
      { "lost", "records", "state_lost + output_lost" },
      { "duplicated", "records", "state_duplicated + output_duplicated" },
      { "state_lost", "records", "records keyed state should hold and does not" },
      { "state_duplicated", "records", "records keyed state holds twice (or will, after the "
                                       "sources replay them)" },
      { "output_lost", "records", "records a sink never (durably) wrote" },
      { "output_duplicated", "records", "records a sink wrote more than once" } } },
  [FSIM_SCHED_KIND_ALIGNMENT_ANNOUNCED] = { "alignment-announced", S,
    "a SourceCoordinator announced its watermark group's maxAllowedWatermark to the source "
    "subtasks that reported (WatermarkAlignmentEvent, every updateInterval; at most one record "
    "a second per source)", 0, NULL, FSIM_COMPONENT_JOBMASTER,
    { { "combined_watermark_ms", "ms", "the group's minimum over its sources' reported "
                                       "watermarks (Long.MIN_VALUE: none reported)" },
      { "max_allowed_ms", "ms", "combined + maxAllowedWatermarkDrift (Long.MAX_VALUE on "
                                "overflow: every source idle)" },
      { "subtasks", "subtasks", "that the event was sent to" },
      { "max_drift_ms", "ms", "maxAllowedWatermarkDrift" } } },
  [FSIM_SCHED_KIND_SOURCE_PAUSED] = { "source-paused", S,
    "a source subtask stopped reading: its last watermark is above the maxAllowedWatermark its "
    "coordinator announced (SourceOperator WAITING_FOR_ALIGNMENT)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "watermark_ms", "ms", "the subtask's last emitted watermark" },
      { "max_allowed_ms", "ms", "the last maxAllowedWatermark it was sent" } } },
  [FSIM_SCHED_KIND_SOURCE_RESUMED] = { "source-resumed", S,
    "a source subtask paused for watermark alignment reads again: an announcement put its "
    "watermark at or below maxAllowedWatermark (SourceOperator READING)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "watermark_ms", "ms", "the subtask's last emitted watermark" },
      { "max_allowed_ms", "ms", "the maxAllowedWatermark that let it go" },
      { "paused_ms", "ms", "how long it waited" } } },
  [FSIM_SCHED_KIND_WATERMARK_REPORTED] = { "watermark-reported", S,
    "an aligned source subtask reported its watermark to its SourceCoordinator "
    "(SourceOperator.emitLatestWatermark: a ReportedWatermarkEvent every updateInterval, once "
    "it has a watermark)", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "watermark_ms", "ms", "the subtask's last emitted watermark (Long.MAX_VALUE: idle or "
                              "finished)" },
      { "max_drift_ms", "ms", "its group's maxAllowedWatermarkDrift" } } },
  [FSIM_SCHED_KIND_ALIGNMENT_RECEIVED] = { "alignment-received", S,
    "an aligned source subtask received its SourceCoordinator's WatermarkAlignmentEvent "
    "(SourceOperator.handleOperatorEvent, then checkWatermarkAlignment)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "max_allowed_ms", "ms", "the maxAllowedWatermark it announced (Long.MAX_VALUE: no "
                                "bound)" },
      { "watermark_ms", "ms", "the subtask's last emitted watermark (Long.MIN_VALUE: none yet)" },
      { "waiting", "bool", "1: it waits for alignment now (WAITING_FOR_ALIGNMENT)" } } },
  [FSIM_SCHED_KIND_SOURCE_STOPPED] = { "source-stopped", S,
    "stop-with-savepoint stopped a source subtask (SourceOperator.stop: StopMode DRAIN emits "
    "MAX_WATERMARK first, NO_DRAIN nothing) before it takes the synchronous savepoint", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "savepoint_id", "id", "the synchronous savepoint" },
      { "drain", "bool", "--drain (SavepointType.terminate)" } } },
  [FSIM_SCHED_KIND_STOP_WITH_SAVEPOINT] = { "stop-with-savepoint", S,
    "the StopWithSavepointTerminationHandler moved (label: its new state): the savepoint was "
    "created or failed, or the tasks ended", FSIM_KIND_MARKER, NULL, FSIM_COMPONENT_JOBMASTER,
    { { "savepoint_id", "id", "the synchronous savepoint (-1: none started)" },
      { "drain", "bool", "--drain (SavepointType.terminate)" } } },
  [FSIM_SCHED_KIND_SINK_COMMITTED] = { "sink-committed", S,
    "a transactional sink's committer committed, on notifyCheckpointComplete, the transactions "
    "its writer pre-committed at the checkpoint's snapshot and before: their records become "
    "visible now, not at the snapshot (TwoPhaseCommittingSink, CommitterOperator)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "records", "records", "made visible by this commit" },
      { "visible", "records", "visible in all" },
      { "transactions", "transactions", "committed now (one per snapshot since the last commit)" },
      { "pending", "records", "written and not committed yet (after the snapshot)" } } },
  [FSIM_SCHED_KIND_CHANNEL_WATERMARK] = { "channel-watermark", S,
    "--detail event-time: a watermark or WatermarkStatus from one input channel reached the "
    "task's StatusWatermarkValve (channel: its index in the valve); whether the valve's output "
    "rose, and if not why (StatusWatermarkValve.inputWatermark, inputWatermarkStatus)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "input", "index", "the task's input (0; 1: a two-input task's second)" },
      { "element", "element", "what came", channel_element_names },
      { "channel_watermark_ms", "ms", "the watermark that came (a status: the channel's)" },
      { "valve_watermark_ms", "ms", "the valve's output watermark after it" },
      { "outcome", "outcome", "advanced, or why not", fsim_valve_outcome_names },
      { "min_channel", "index", "the aligned channel with the lowest watermark; -1: none" },
      { "idle", "channels", "IDLE channels of the valve after it" },
      { "holder_silent_ms", "ms", "since the min channel's last watermark (0: this one); -1: "
        "it sent none, or no channel is aligned" } } },
  [FSIM_SCHED_KIND_WINDOW_CREATED] = { "window-created", S,
    "--detail event-time: the first element of a key assigned to a window the operator held "
    "nothing for (WindowOperator.processElement; the detail names the key)", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "start_ms", "ms", "TimeWindow start (GlobalWindow: Long.MIN_VALUE)" },
      { "end_ms", "ms", "TimeWindow end, exclusive (GlobalWindow: Long.MAX_VALUE)" },
      { "timestamp_ms", "ms", "the element's timestamp" },
      { "cleanup_ms", "ms", "cleanupTime: maxTimestamp + allowedLateness (processing time: "
                            "maxTimestamp; Long.MAX_VALUE: never)" } } },
  [FSIM_SCHED_KIND_WINDOW_MERGED] = { "window-merged", S,
    "--detail event-time: a session element's window [ts, ts + gap) intersected held session "
    "windows, which merge with it into their cover (MergingWindowSet.addWindow; the detail "
    "lists them)", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "start_ms", "ms", "the cover's start" },
      { "end_ms", "ms", "the cover's end" },
      { "merged", "windows", "held windows absorbed into the cover" },
      { "timestamp_ms", "ms", "the element's timestamp" } } },
  [FSIM_SCHED_KIND_WINDOW_PURGED] = { "window-purged", S,
    "--detail event-time: a window's state cleared: at its cleanup timer (clearAllState), by "
    "the trigger's PURGE (contents only), or BATCH when the next key begins", 0, NULL,
    FSIM_COMPONENT_TASKMANAGER,
    { { "start_ms", "ms", "TimeWindow start (GlobalWindow: Long.MIN_VALUE)" },
      { "end_ms", "ms", "TimeWindow end (GlobalWindow: Long.MAX_VALUE)" },
      { "time_ms", "ms", "the timer's time, or the element's timestamp (PURGE on an element)" },
      { "reason", "reason", "cleanup, trigger (PurgingTrigger) or batch-key",
        fsim_window_purge_names } } },
  [FSIM_SCHED_KIND_LATE_RECORD] = { "late-record", S,
    "--detail event-time: one record whose every window is late (isWindowLate): dropped "
    "(numLateRecordsDropped), sent to the late data side output, or skipped uncounted when "
    "the record itself is not late (isElementLate)", 0, NULL, FSIM_COMPONENT_TASKMANAGER,
    { { "timestamp_ms", "ms", "the record's timestamp" },
      { "watermark_ms", "ms", "the operator's current watermark" },
      { "cleanup_ms", "ms", "the latest of its windows' cleanup time, at or below the watermark" },
      { "fate", "fate", "dropped, side-output or skipped", fsim_window_late_fate_names } } },
};

void
fsim_sched_register_kinds (FsimTrace *trace)
{
  fsim_trace_register_kinds (trace, fsim_sched_kinds, FSIM_SCHED_KIND_COUNT);
  fsim_trace_register_kinds (trace, fsim_checkpoint_kinds, FSIM_CHECKPOINT_KIND_COUNT);
  fsim_trace_register_kinds (trace, fsim_task_metrics_kinds, FSIM_TASK_METRICS_KIND_COUNT);
}

const char *
fsim_component_name (FsimComponent component)
{
  switch (component)
    {
    case FSIM_COMPONENT_SIMULATOR: return "simulator";
    case FSIM_COMPONENT_DISPATCHER: return "Dispatcher";
    case FSIM_COMPONENT_JOBMASTER: return "JobMaster";
    case FSIM_COMPONENT_RESOURCEMANAGER: return "ResourceManager";
    case FSIM_COMPONENT_TASKMANAGER: return "TaskManager";
    }
  g_assert_not_reached ();
}
