# lessons/: lesson and exercise files, runner and checker.
noinst_LIBRARIES += %D%/liblessons.a
%C%_liblessons_a_SOURCES = \
	%D%/lessons.h \
	%D%/lessons.c
