# scheduler/: the simulated cluster, slots, deployment, state machines, restarts.
noinst_LIBRARIES += %D%/libscheduler.a
%C%_libscheduler_a_SOURCES = \
	%D%/scheduler.h \
	%D%/scheduler-private.h \
	%D%/transition.c \
	%D%/resource-states.c \
	%D%/execution-state.c \
	%D%/job-status.c \
	%D%/trace-kinds.c \
	%D%/cluster-settings.c \
	%D%/cluster.c \
	%D%/heartbeat.c \
	%D%/taskmanager.c \
	%D%/resource-manager.c \
	%D%/slot-pool.c \
	%D%/deployment.c \
	%D%/network-buffer.c \
	%D%/record-writer.c \
	%D%/input-gate.c \
	%D%/stream-task.c \
	%D%/sorting-input.c \
	%D%/subtask-state.c \
	%D%/exactly-once.c \
	%D%/channel-state.c \
	%D%/metric-sampler.c \
	%D%/execution.c \
	%D%/scheduler.c \
	%D%/checkpoint-host.c \
	%D%/stop-with-savepoint.c \
	%D%/task-checkpoint.c \
	%D%/faults.c \
	%D%/task-metrics.c \
	%D%/restart-strategy.c \
	%D%/failover-strategy.c \
	%D%/event-time-private.h \
	%D%/watermark-valve.c \
	%D%/combined-watermark.c \
	%D%/watermark-generator.c \
	%D%/watermark-alignment.c \
	%D%/source-coordinator.c \
	%D%/window-operator.c \
	%D%/event-time-trace.c \
	%D%/job-run.c
