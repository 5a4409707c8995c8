# checkpoint/: coordinator, barrier handlers, state and restore.
noinst_LIBRARIES += %D%/libcheckpoint.a
%C%_libcheckpoint_a_SOURCES = \
	%D%/checkpoint.h \
	%D%/checkpoint-kinds.c \
	%D%/coordinator-private.h \
	%D%/coordinator.c \
	%D%/request-decider.c \
	%D%/failure-manager.c \
	%D%/barrier-handler-private.h \
	%D%/barrier-handler.c \
	%D%/single-barrier-handler.c \
	%D%/barrier-tracker.c \
	%D%/channel-state-persister.c
