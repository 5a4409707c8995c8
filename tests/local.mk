# tests/: one Check suite per module, run through automake's TAP driver.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	CK_TAP_LOG_FILE_NAME=-; export CK_TAP_LOG_FILE_NAME; \
	CK_VERBOSITY=silent; export CK_VERBOSITY; \
	FSIM_BUILDDIR='$(abs_top_builddir)'; export FSIM_BUILDDIR; \
	FSIM_SRCDIR='$(abs_top_srcdir)'; export FSIM_SRCDIR;

noinst_LIBRARIES += %D%/libtestlib.a
%C%_libtestlib_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
%C%_libtestlib_a_SOURCES = %D%/testlib.c %D%/testlib.h

TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_LDADD = tests/libtestlib.a $(FSIM_ALL_LDADD) $(CHECK_LIBS)

check_PROGRAMS += %D%/check_graphs %D%/check_cli
%C%_check_graphs_CFLAGS = $(TEST_CFLAGS)
%C%_check_graphs_LDADD = $(TEST_LDADD)
%C%_check_graphs_SOURCES = %D%/check_graphs.c %D%/graphs-plan-json.c %D%/graphs-execution.c %D%/graphs-jobgraph.c
%C%_check_cli_CFLAGS = $(TEST_CFLAGS)
%C%_check_cli_LDADD = $(TEST_LDADD)
TESTS += %D%/check_graphs %D%/check_cli

check_PROGRAMS += %D%/check_scheduler
%C%_check_scheduler_CFLAGS = $(TEST_CFLAGS)
%C%_check_scheduler_LDADD = $(TEST_LDADD)
%C%_check_scheduler_SOURCES = %D%/check_scheduler.c
TESTS += %D%/check_scheduler

EXTRA_DIST += %D%/golden

# Golden files are rewritten only by hand, never in CI, and the diff is shown
# for a look by eye before committing.
update-golden: flinksim$(EXEEXT)
	@if test "x$$CI" = xtrue; then echo "update-golden refuses to run under CI=true" >&2; exit 1; fi
	FSIM_UPDATE_GOLDEN=1 $(MAKE) $(AM_MAKEFLAGS) check
	@cd $(top_srcdir) && git status --short tests/golden
.PHONY: update-golden
