/* program.c - a DataStream program as Flink holds it: Transformations.
 *
 * Every Transformation takes its id from one counter when it is constructed
 * (Transformation.getNewNodeId: increment, then return, so the first id is
 * 1), whether or not it will become a StreamNode: keyBy, rebalance, union
 * and a Sink V2 sink consume ids too. The generator takes further ids from
 * the same counter for virtual partition nodes and Sink V2 writers, so those
 * are larger than every id the program made (Transformation.getNewNodeId).
 *
 * Only what env.addOperator registered is walked by the generator (sources,
 * partitionings and unions are reached as inputs), so a source nobody reads
 * takes an id but makes no node, as in Flink. */
#include "config.h"

#include "graphs/language.h"

static void
transformation_free (FsimTransformation *t)
{
  g_free (t->name);
  g_free (t->description);
  g_free (t->uid);
  g_free (t->function);
  g_free (t->slot_sharing_group);
  g_ptr_array_unref (t->inputs);
  g_free (t);
}

FsimProgram *
fsim_program_new (int default_parallelism)
{
  FsimProgram *program = g_new0 (FsimProgram, 1);
  program->env_parallelism = default_parallelism;
  program->all = g_ptr_array_new_with_free_func ((GDestroyNotify) transformation_free);
  program->registered = g_ptr_array_new ();
  return program;
}

void
fsim_program_free (FsimProgram *program)
{
  if (program == NULL)
    return;
  g_ptr_array_unref (program->registered);
  g_ptr_array_unref (program->all);
  g_free (program);
}

int
fsim_program_next_id (FsimProgram *program)
{
  return ++program->last_id;
}

FsimTransformation *
fsim_program_add (FsimProgram *program, FsimTransformationKind kind, const char *name,
                  int parallelism)
{
  FsimTransformation *t = g_new0 (FsimTransformation, 1);
  t->id = fsim_program_next_id (program);
  t->kind = kind;
  t->name = g_strdup (name);
  t->parallelism = parallelism;
  t->max_parallelism = -1;
  t->chaining = FSIM_CHAINING_ALWAYS;
  t->buffer_timeout_ms = -1;
  t->inputs = g_ptr_array_new ();
  t->partitioner = FSIM_PARTITIONER_FORWARD;
  t->exchange_mode = FSIM_EXCHANGE_UNDEFINED;
  g_ptr_array_add (program->all, t);
  return t;
}

void
fsim_program_register (FsimProgram *program, FsimTransformation *t)
{
  g_ptr_array_add (program->registered, t);
}
