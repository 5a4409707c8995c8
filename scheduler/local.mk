# scheduler/: the simulated cluster, slots, deployment, state machines, restarts.
noinst_LIBRARIES += %D%/libscheduler.a
%C%_libscheduler_a_SOURCES = \
	%D%/scheduler.h \
	%D%/execution-state.c \
	%D%/job-status.c
