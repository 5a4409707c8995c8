# bench/: `make bench` builds and runs every benchmark program (bench/bench.h
# says how a row is measured). They are built by `make check` and distcheck
# so they do not rot, and never run there: CI runs only the tests. Add a
# program to FSIM_BENCHMARKS.
FSIM_BENCHMARKS = %D%/bench-engine %D%/bench-graphs %D%/bench-scheduling \
	%D%/bench-outputs %D%/bench-dataplane
check_PROGRAMS += $(FSIM_BENCHMARKS)
noinst_LIBRARIES += %D%/libbench.a
%C%_libbench_a_SOURCES = %D%/bench.c %D%/bench.h
noinst_LIBRARIES += %D%/libbenchjob.a
%C%_libbenchjob_a_SOURCES = %D%/bench-job.c %D%/bench-job.h

%C%_bench_engine_SOURCES = %D%/bench-engine.c
%C%_bench_engine_LDADD = %D%/libbench.a $(FSIM_TEST_SIM_LIBS) $(GLIB_LIBS) -lm
%C%_bench_graphs_SOURCES = %D%/bench-graphs.c
%C%_bench_graphs_LDADD = %D%/libbench.a $(FSIM_TEST_GRAPHS_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
%C%_bench_scheduling_SOURCES = %D%/bench-scheduling.c
%C%_bench_scheduling_LDADD = %D%/libbenchjob.a %D%/libbench.a $(FSIM_TEST_SCHEDULER_LIBS) \
	$(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
%C%_bench_dataplane_SOURCES = %D%/bench-dataplane.c
%C%_bench_dataplane_LDADD = %D%/libbench.a $(FSIM_TEST_SCHEDULER_LIBS) $(JSONGLIB_LIBS) \
	$(GLIB_LIBS) -lm
%C%_bench_outputs_SOURCES = %D%/bench-outputs.c
%C%_bench_outputs_LDADD = %D%/libbenchjob.a %D%/libbench.a $(FSIM_TEST_VIZ_LIBS) \
	$(GVC_LIBS) $(CGRAPH_LIBS) $(NCURSESW_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm

bench: $(FSIM_BENCHMARKS)
	@uname -srm; grep -m1 'model name' /proc/cpuinfo || true; \
	echo "cores: $$(nproc); load at start: $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	for b in $(FSIM_BENCHMARKS); do ./$$b || exit 1; done; \
	echo; echo "load at end: $$(cut -d' ' -f1-3 /proc/loadavg)"
.PHONY: bench
