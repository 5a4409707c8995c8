# graphs/: job files, StreamGraph, JobGraph, ExecutionGraph, regions; knows no time.
noinst_LIBRARIES += %D%/libgraphs.a
%C%_libgraphs_a_SOURCES = \
	%D%/graphs.h \
	%D%/graphs-private.h \
	%D%/partitioner.c \
	%D%/stream-graph.c \
	%D%/suggest.c \
	%D%/job.c
