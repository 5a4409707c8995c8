# cli/: the flinksim binary; one cmd-<name>.c per subcommand (see cli/cli.h).
# Everything but main() is cli/libcli.a, so that fuzz/ can run the commands'
# own parsers (fuzz-lab) without a second copy of them.
bin_PROGRAMS += flinksim
noinst_LIBRARIES += %D%/libcli.a
flinksim_SOURCES = %D%/main.c
%C%_libcli_a_SOURCES = \
	%D%/cli.h \
	%D%/locale.c \
	%D%/commands.c \
	%D%/cmd-check.c \
	%D%/course.c \
	%D%/cmd-compare.c \
	%D%/cmd-exercise.c \
	%D%/cmd-lesson.c \
	%D%/cmd-graph.c \
	%D%/lab.h \
	%D%/cmd-lab.c \
	%D%/lab-tokens.c \
	%D%/lab-barriers.c \
	%D%/lab-restart.c \
	%D%/lab-failover.c \
	%D%/cmd-metrics.c \
	%D%/cmd-checkpoints.c \
	%D%/run-options.h \
	%D%/run-options.c \
	%D%/what-if.c \
	%D%/cmd-run.c \
	%D%/cmd-trace.c \
	%D%/cmd-tui.c
# the labs (cli/lab.h): one file each
# lab watermarks, lab windows
%C%_libcli_a_SOURCES += %D%/lab-watermarks.c %D%/lab-windows.c

# where the installed message catalogs are (cli/locale.c)
%C%_libcli_a_CPPFLAGS = $(AM_CPPFLAGS) -DFSIM_LOCALEDIR=\"$(localedir)\" -DFSIM_LESSONSDIR=\"$(pkgdatadir)/lessons\"
FSIM_ALL_LIBS = \
	lessons/liblessons.a \
	viz/libviztty.a \
	viz/libviztui.a \
	viz/libviz.a \
	scheduler/libscheduler.a \
	checkpoint/libcheckpoint.a \
	graphs/libgraphs.a \
	sim/libsim.a
FSIM_ALL_LDADD = $(FSIM_ALL_LIBS) $(GVC_LIBS) $(CGRAPH_LIBS) $(NCURSESW_LIBS) $(JSONGLIB_LIBS) \
	$(GIO_LIBS) $(GLIB_LIBS) -lm
flinksim_LDADD = %D%/libcli.a $(FSIM_ALL_LDADD)
