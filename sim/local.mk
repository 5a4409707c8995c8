# sim/: the discrete-event engine, clock, RNG and trace; knows no Flink.
noinst_LIBRARIES += %D%/libsim.a
%C%_libsim_a_SOURCES = \
	%D%/sim.h \
	%D%/sim-private.h \
	%D%/sim.c
