# tests/: one Check suite per module, run through automake's TAP driver.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	CK_TAP_LOG_FILE_NAME=-; export CK_TAP_LOG_FILE_NAME; \
	CK_VERBOSITY=silent; export CK_VERBOSITY; \
	CK_DEFAULT_TIMEOUT=120; export CK_DEFAULT_TIMEOUT; \
	FSIM_BUILDDIR='$(abs_top_builddir)'; export FSIM_BUILDDIR; \
	FSIM_SRCDIR='$(abs_top_srcdir)'; export FSIM_SRCDIR; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:fast_unwind_on_malloc=0'; export LSAN_OPTIONS;
EXTRA_DIST += %D%/lsan.supp

noinst_LIBRARIES += %D%/libtestlib.a
%C%_libtestlib_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
%C%_libtestlib_a_SOURCES = %D%/testlib.c %D%/testlib.h

TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LDADD = tests/libtestlib.a $(FSIM_ALL_LDADD) $(CHECK_LIBS)

check_PROGRAMS += %D%/check_graphs %D%/check_cli
%C%_check_graphs_CFLAGS = $(TEST_CFLAGS)
%C%_check_graphs_LDADD = $(TEST_LDADD)
%C%_check_graphs_SOURCES = %D%/check_graphs.c %D%/graphs-language.c %D%/graphs-streamgraph.c %D%/graphs-plan-json.c %D%/graphs-execution.c %D%/graphs-jobgraph.c
%C%_check_graphs_SOURCES += %D%/graphs-tests.h %D%/graphs-tests.c
%C%_check_graphs_SOURCES += %D%/graphs-robustness.c
%C%_check_cli_CFLAGS = $(TEST_CFLAGS)
%C%_check_cli_LDADD = $(TEST_LDADD)
%C%_check_cli_SOURCES = %D%/check_cli.c %D%/cli-examples.c
TESTS += %D%/check_graphs %D%/check_cli

check_PROGRAMS += %D%/check_viz
%C%_check_viz_CFLAGS = $(TEST_CFLAGS)
%C%_check_viz_LDADD = $(TEST_LDADD)
%C%_check_viz_SOURCES = %D%/check_viz.c %D%/viz-stream-graph.c %D%/viz-job-graph.c %D%/viz-execution-graph.c
%C%_check_viz_SOURCES += %D%/viz-tests.h %D%/viz-tests.c %D%/viz-dot.c
%C%_check_viz_SOURCES += %D%/viz-tui.c
TESTS += %D%/check_viz
# the real TUI driven under tmux (skips without tmux)
TESTS += %D%/tui-tmux.sh
EXTRA_DIST += %D%/tui-tmux.sh

check_PROGRAMS += %D%/check_scheduler
%C%_check_scheduler_CFLAGS = $(TEST_CFLAGS)
%C%_check_scheduler_LDADD = $(TEST_LDADD)
%C%_check_scheduler_SOURCES = %D%/check_scheduler.c %D%/scheduler-tests.h \
	%D%/scheduler-jobs.c %D%/scheduler-placement.c %D%/scheduler-failure.c \
	%D%/scheduler-lifecycle.c %D%/scheduler-views.c \
	%D%/scheduler-attempts.c %D%/scheduler-machines.c
TESTS += %D%/check_scheduler %D%/determinism.sh
EXTRA_DIST += %D%/determinism.sh
# broken input: exit 0 or 2 with a located message, never a crash (all of flinksim)
TESTS += %D%/robustness.sh
EXTRA_DIST += %D%/robustness.sh

# sim/: the engine's suite, and the same trace at -O0, -O2 and -O3
# (sim-determinism.sh compiles sim/*.c with tests/sim-digest.c at each level
# and compares what they print).
check_PROGRAMS += %D%/check_sim
%C%_check_sim_CFLAGS = $(TEST_CFLAGS)
%C%_check_sim_LDADD = $(TEST_LDADD)
%C%_check_sim_SOURCES = %D%/check_sim.c %D%/sim-scenario.c %D%/sim-scenario.h
TESTS += %D%/check_sim %D%/sim-determinism.sh
EXTRA_DIST += %D%/sim-determinism.sh %D%/sim-digest.c
AM_TESTS_ENVIRONMENT += \
	FSIM_CC='$(CC)'; export FSIM_CC; \
	FSIM_GLIB_CFLAGS='$(GLIB_CFLAGS)'; export FSIM_GLIB_CFLAGS; \
	FSIM_GLIB_LIBS='$(GLIB_LIBS)'; export FSIM_GLIB_LIBS;

# `make bench` builds and runs every benchmark: add yours to FSIM_BENCHMARKS.
# Benchmarks print timings; they never fail on speed.
FSIM_BENCHMARKS = %D%/bench_sim %D%/bench_execution_graph
EXTRA_PROGRAMS = $(FSIM_BENCHMARKS)
%C%_bench_sim_LDADD = $(FSIM_ALL_LDADD)
%C%_bench_sim_SOURCES = %D%/bench_sim.c %D%/sim-scenario.c %D%/sim-scenario.h
%C%_bench_execution_graph_LDADD = $(FSIM_ALL_LDADD)
%C%_bench_execution_graph_SOURCES = %D%/bench_execution_graph.c
bench: $(FSIM_BENCHMARKS)
	@for b in $(FSIM_BENCHMARKS); do echo "== $$b"; ./$$b || exit 1; done
.PHONY: bench

EXTRA_DIST += %D%/golden

# Golden files are rewritten only by hand, never in CI, and the diff is shown
# for a look by eye before committing.
update-golden: flinksim$(EXEEXT)
	@if test "x$$CI" = xtrue; then echo "update-golden refuses to run under CI=true" >&2; exit 1; fi
	FSIM_UPDATE_GOLDEN=1 $(MAKE) $(AM_MAKEFLAGS) check
	@cd $(top_srcdir) && git status --short tests/golden
.PHONY: update-golden

# checkpoint/: the coordinator on a fake host. It links checkpoint/ and what
# lies below it only, so the link proves checkpoint/ needs no scheduler/.
check_PROGRAMS += %D%/check_checkpoint
%C%_check_checkpoint_CFLAGS = $(TEST_CFLAGS)
%C%_check_checkpoint_LDADD = tests/libtestlib.a checkpoint/libcheckpoint.a graphs/libgraphs.a \
	sim/libsim.a $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm $(CHECK_LIBS)
%C%_check_checkpoint_SOURCES = %D%/check_checkpoint.c
TESTS += %D%/check_checkpoint
