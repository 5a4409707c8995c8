# sim/: the discrete-event engine, clock, RNG, trace and channels; knows no Flink.
noinst_LIBRARIES += %D%/libsim.a
%C%_libsim_a_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN=\"fsim-sim\"
# No fused multiply-add: a contracted a*b+c rounds once instead of twice and
# would give other bits on machines with FMA (sim/portable-math.c).
FSIM_SIM_FP_CFLAGS = -ffp-contract=off
%C%_libsim_a_CFLAGS = $(AM_CFLAGS) $(FSIM_SIM_FP_CFLAGS)
%C%_libsim_a_SOURCES = \
	%D%/sim.h \
	%D%/sim-private.h \
	%D%/sim.c \
	%D%/channel.c \
	%D%/event-queue.c \
	%D%/rng.c \
	%D%/portable-math.c \
	%D%/trace.c \
	%D%/trace-format.c
