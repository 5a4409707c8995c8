# graphs/: job files, StreamGraph, JobGraph, ExecutionGraph, regions; knows no time.
noinst_LIBRARIES += %D%/libgraphs.a
%C%_libgraphs_a_CFLAGS = $(AM_CFLAGS) $(JSONGLIB_CFLAGS)
%C%_libgraphs_a_SOURCES = \
	%D%/graphs.h \
	%D%/graphs-private.h \
	%D%/partitioner.c \
	%D%/stream-graph.c \
	%D%/suggest.c \
	%D%/diagnostic.c \
	%D%/job.c \
	%D%/input.c \
	%D%/config.c \
	%D%/language.h \
	%D%/lexer.c \
	%D%/parser.c \
	%D%/datastream-api.c \
	%D%/program.c \
	%D%/stream-graph-generator.c \
	%D%/plan-json.c \
	%D%/job-graph-private.h \
	%D%/node-hash.c \
	%D%/chaining.c \
	%D%/job-graph.c \
	%D%/execution-graph-private.h \
	%D%/key-groups.c \
	%D%/channel-selector.c \
	%D%/edge-manager.c \
	%D%/execution-graph.c \
	%D%/regions.c \
	%D%/slot-sharing.c
