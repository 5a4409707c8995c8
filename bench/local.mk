# bench/: `make bench` builds and runs every benchmark program (bench/bench.h
# says how a row is measured). They are built by `make check` and distcheck
# so they do not rot, and never run there: CI runs only the tests. Add a
# program to FSIM_BENCHMARKS.
FSIM_BENCHMARKS = %D%/bench-engine
check_PROGRAMS += $(FSIM_BENCHMARKS)
noinst_LIBRARIES += %D%/libbench.a
%C%_libbench_a_SOURCES = %D%/bench.c %D%/bench.h

%C%_bench_engine_SOURCES = %D%/bench-engine.c
%C%_bench_engine_LDADD = %D%/libbench.a $(FSIM_TEST_SIM_LIBS) $(GLIB_LIBS) -lm

bench: $(FSIM_BENCHMARKS)
	@uname -srm; grep -m1 'model name' /proc/cpuinfo || true; \
	echo "cores: $$(nproc); load at start: $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	for b in $(FSIM_BENCHMARKS); do ./$$b || exit 1; done; \
	echo; echo "load at end: $$(cut -d' ' -f1-3 /proc/loadavg)"
.PHONY: bench
