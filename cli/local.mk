# cli/: the flinksim binary; one cmd-<name>.c per subcommand (see cli/cli.h).
bin_PROGRAMS += flinksim
flinksim_SOURCES = \
	%D%/cli.h \
	%D%/main.c \
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
# lab restart, lab failover: flinksim_SOURCES += %D%/lab-restart.c …

# lab watermarks, lab windows
flinksim_SOURCES += %D%/lab-watermarks.c %D%/lab-windows.c

# where the installed message catalogs are (cli/locale.c)
flinksim_CPPFLAGS = $(AM_CPPFLAGS) -DFSIM_LOCALEDIR=\"$(localedir)\" -DFSIM_LESSONSDIR=\"$(pkgdatadir)/lessons\"
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
flinksim_LDADD = $(FSIM_ALL_LDADD)
