# checkpoint/: coordinator, barrier handlers, state and restore.
noinst_LIBRARIES += %D%/libcheckpoint.a
%C%_libcheckpoint_a_SOURCES = \
	%D%/checkpoint.h \
	%D%/checkpoint-kinds.c \
	%D%/coordinator.c
