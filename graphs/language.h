/* language.h - private to the job-language files of graphs/: the lexer, the
 * DataStream program model and the StreamGraph generator.
 *
 * A job file is read in three steps, each one file:
 *
 *   lexer.c                  text → tokens (positions for every diagnostic)
 *   parser.c                 tokens → statements: `job`, `set`, chains, faults;
 *                            each call of a chain is handed to
 *   datastream-api.c         the DataStream API: one table of methods, each
 *                            building Transformations exactly as Flink's
 *                            DataStream/KeyedStream/WindowedStream… do
 *   program.c                the Transformations themselves (Transformation,
 *                            its global id counter) and the environment's list
 *   stream-graph-generator.c StreamGraphGenerator: Transformations → StreamGraph
 */
#pragma once

#include "graphs/graphs-private.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Helpers from config.c                                                      */

/* Every key of the table, NULL-terminated (for suggestions). */
const char *const *fsim_config_keys (void);
/* The key meant by a mistyped one: the nearest by edit distance, else the
 * one key that extends it ("state.backend" → "state.backend.type"). */
const char *fsim_config_suggest_key (const char *key);
/* TimeUtils' unit labels ("ms", "s", "min", …, plus "us"), NULL-terminated. */
const char *const *fsim_time_unit_labels (void);
/* Nanoseconds per unit for a TimeUtils label (case-insensitive). */
gboolean fsim_time_unit_lookup (const char *label, gint64 *ns_per_unit);
/* A duration from its digits and unit label (NULL or "" = milliseconds). */
gboolean fsim_duration_from_parts (const char *number, const char *unit, gint64 *out_us,
                                   GError **error);

/* ------------------------------------------------------------------------ */
/* Lexer (lexer.c)                                                            */

typedef enum {
  FSIM_TOK_EOF,
  FSIM_TOK_NEWLINE,
  FSIM_TOK_IDENT,               /* [A-Za-z_$][A-Za-z0-9_$]* (and UTF-8 such as µ) */
  FSIM_TOK_NUMBER,              /* 12, 1.5 */
  FSIM_TOK_STRING,              /* "…", text holds the unescaped value */
  FSIM_TOK_DOT,
  FSIM_TOK_LPAREN,
  FSIM_TOK_RPAREN,
  FSIM_TOK_COMMA,
  FSIM_TOK_EQUALS,
  FSIM_TOK_SEMICOLON,
  FSIM_TOK_SLASH,
  FSIM_TOK_MINUS,
  FSIM_TOK_RAW,                 /* a config key or value read by the raw readers */
} FsimTokenType;

typedef struct {
  FsimTokenType type;
  char *text;                   /* owned; NULL for punctuation */
  int line, column;             /* 1-based; column counts characters */
  int span;                     /* characters, >= 1 */
} FsimToken;

typedef struct _FsimLexer FsimLexer;

FsimLexer *fsim_lexer_new (const char *text, const char *filename);
void fsim_lexer_free (FsimLexer *lexer);
/* The next token into *out (cleared first). Newlines are tokens; comments
 * ('#' or '//' to the end of the line) and blanks are skipped. */
gboolean fsim_lexer_next (FsimLexer *lexer, FsimToken *out, GError **error);
/* After `set`: a configuration key, [A-Za-z0-9._-]+ (dashes are allowed). */
gboolean fsim_lexer_config_key (FsimLexer *lexer, FsimToken *out, GError **error);
/* After `=` in `set`: the rest of the line, comment stripped, trimmed; a
 * "quoted" value is unquoted. */
gboolean fsim_lexer_config_value (FsimLexer *lexer, FsimToken *out, GError **error);
/* TRUE when, after blank lines and comments, the next character is '.': the
 * chain continues on the next line. */
gboolean fsim_lexer_continues_chain (FsimLexer *lexer);
void fsim_token_clear (FsimToken *token);
/* "identifier", "number", "'('", "end of line"… for "expected X, found Y". */
const char *fsim_token_describe (FsimTokenType type);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FsimToken, fsim_token_clear)

/* ------------------------------------------------------------------------ */
/* The DataStream program (program.c): Transformations                        */

typedef enum {
  FSIM_T_SOURCE,                /* SourceTransformation (FLIP-27) */
  FSIM_T_LEGACY_SOURCE,         /* LegacySourceTransformation (SourceFunction) */
  FSIM_T_ONE_INPUT,             /* OneInputTransformation, ReduceTransformation,
                                 * TimestampsAndWatermarksTransformation */
  FSIM_T_TWO_INPUT,             /* TwoInputTransformation */
  FSIM_T_LEGACY_SINK,           /* LegacySinkTransformation */
  FSIM_T_SINK,                  /* SinkTransformation (Sink V2), expanded later */
  FSIM_T_PARTITION,             /* PartitionTransformation: no node, a virtual one */
  FSIM_T_UNION,                 /* UnionTransformation: no node */
  FSIM_T_SIDE_OUTPUT,           /* SideOutputTransformation: no node, a virtual one */
} FsimTransformationKind;

/* ExecutionConfig.PARALLELISM_DEFAULT */
#define FSIM_PARALLELISM_DEFAULT (-1)

typedef struct _FsimTransformation FsimTransformation;

struct _FsimTransformation {
  int id;                       /* Transformation.getNewNodeId() at construction */
  FsimTransformationKind kind;
  char *name;                   /* without the "Source: "/"Sink: " prefix */
  char *description;            /* NULL unless setDescription (windows set one) */
  char *uid;
  char *function;               /* user function named in the job file */
  int parallelism;              /* may be FSIM_PARALLELISM_DEFAULT */
  gboolean parallelism_configured;
  int max_parallelism;          /* -1 = unset */
  gboolean non_parallel;        /* non-parallel source, forceNonParallel() */
  char *slot_sharing_group;     /* NULL = none given */
  FsimChainingStrategy chaining;
  gint64 buffer_timeout_ms;     /* -1 = the environment's */
  gboolean keyed;               /* has a state key selector */
  gboolean keyed_input[2];      /* TWO_INPUT: which inputs have one
                                 * (TwoInputTransformation.getStateKeySelector1/2) */
  gboolean reduce;              /* a ReduceTransformation: KeyedStream.reduce and
                                 * sum/min/max/minBy/maxBy */
  gboolean bounded;             /* sources: Boundedness.BOUNDED */
  gboolean not_replayable;      /* sources: keeps no offset to rewind to */
  gint64 total_records;         /* fromSequence: to - from + 1, split over subtasks */
  FsimWindowSpec window;
  FsimWatermarkSpec watermarks;
  FsimSimKnobs knobs;
  GPtrArray *inputs;            /* FsimTransformation*, borrowed */
  FsimPartitioner partitioner;  /* PARTITION only */
  const char *key_field;        /* keyBy's PARTITION: its field as the job file
                                 * gives it ("page", "page, salt"), interned;
                                 * NULL for every other partitioning */
  const char *output_tag;       /* SIDE_OUTPUT only: the OutputTag id (interned) */
  FsimExchangeMode exchange_mode;
  /* where the job file made it (the method name), and where its parallelism
   * was last set (the creation site unless setParallelism) */
  int line, column, span;
  int parallelism_line, parallelism_column, parallelism_span;
};

typedef struct {
  int last_id;                  /* Transformation.ID_COUNTER */
  int env_parallelism;          /* env.getParallelism(): parallelism.default, then
                                 * env.setParallelism */
  GPtrArray *all;               /* every transformation, owned */
  GPtrArray *registered;        /* env.getTransformations(), in addOperator order */
} FsimProgram;

FsimProgram *fsim_program_new (int default_parallelism);
void fsim_program_free (FsimProgram *program);
/* Transformation.getNewNodeId: increments, then returns; the first id is 1. */
int fsim_program_next_id (FsimProgram *program);
/* A new transformation with the next id, parallelism as given, defaults
 * elsewhere (ALWAYS chaining, no group, max -1, buffer timeout -1). */
FsimTransformation *fsim_program_add (FsimProgram *program, FsimTransformationKind kind,
                                      const char *name, int parallelism);
/* env.addOperator: the generator walks these in this order. */
void fsim_program_register (FsimProgram *program, FsimTransformation *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FsimProgram, fsim_program_free)

/* ------------------------------------------------------------------------ */
/* StreamGraphGenerator (stream-graph-generator.c)                            */

/* Generates the StreamGraph of program, as StreamGraphGenerator.generate
 * does with config (the job's, after the program ran). Errors Flink raises
 * while generating (forward partitioning between different parallelisms, a
 * parallelism above the max parallelism) become diagnostics at the call
 * that caused them; filename and source are for those. (transfer full) */
FsimStreamGraph *fsim_stream_graph_generate (FsimProgram *program, const FsimConfig *config,
                                             const char *job_name, const char *filename,
                                             const char *source, GError **error);

/* ------------------------------------------------------------------------ */
/* The DataStream API (datastream-api.c), called by the parser                */

/* An argument as written. */
typedef enum {
  FSIM_ARG_STRING,              /* "word" */
  FSIM_ARG_NUMBER,              /* 3, 1.5, -1 */
  FSIM_ARG_QUANTITY,            /* 5 s, 64 kb: number and unit */
  FSIM_ARG_RATE,                /* 200/s */
  FSIM_ARG_BOOL,                /* true, false */
  FSIM_ARG_NAME,                /* counts, CheckpointingMode.AT_LEAST_ONCE */
  FSIM_ARG_CALL,                /* zipf(1.2), TumblingProcessingTimeWindows.of(5 s) */
} FsimArgKind;

typedef struct _FsimArg FsimArg;

struct _FsimArg {
  FsimArgKind kind;
  char *text;                   /* STRING value; NAME/CALL dotted path; number text */
  double number;                /* NUMBER, QUANTITY, RATE */
  gboolean integral;            /* the number had no fraction */
  char *unit;                   /* QUANTITY, RATE */
  GPtrArray *args;              /* CALL: FsimArg* */
  FsimArg *next;                /* CALL: a further call on the result (.withIdleness(…)) */
  int line, column, span;       /* the whole argument */
  int name_line, name_column, name_span;  /* CALL: the last name of the path */
};

typedef struct {
  char *name;
  GPtrArray *args;              /* FsimArg* */
  int line, column, span;       /* of the method name */
  int end_line, end_column;     /* of the closing ')' */
} FsimCall;

void fsim_arg_free (FsimArg *arg);
void fsim_call_free (FsimCall *call);

/* What a chain evaluates to: the Java type of the expression so far. */
typedef enum {
  FSIM_VALUE_ENV,               /* StreamExecutionEnvironment */
  FSIM_VALUE_SOURCE,            /* DataStreamSource */
  FSIM_VALUE_OPERATOR,          /* SingleOutputStreamOperator */
  FSIM_VALUE_STREAM,            /* DataStream (partitioned, union) */
  FSIM_VALUE_KEYED,             /* KeyedStream */
  FSIM_VALUE_WINDOWED,          /* WindowedStream */
  FSIM_VALUE_ALL_WINDOWED,      /* AllWindowedStream */
  FSIM_VALUE_CONNECTED,         /* ConnectedStreams */
  FSIM_VALUE_SINK,              /* DataStreamSink */
  FSIM_VALUE_COUNT
} FsimValueKind;

typedef struct _FsimWindowing FsimWindowing;   /* datastream-api.c */

typedef struct {
  FsimValueKind kind;
  FsimTransformation *t;        /* the stream's transformation; the input of a
                                 * (All)WindowedStream; the first input of
                                 * ConnectedStreams */
  FsimTransformation *t2;       /* ConnectedStreams' second input */
  gboolean keyed1, keyed2;      /* ConnectedStreams: which inputs are KeyedStreams */
  FsimWindowing *windowing;     /* (All)WindowedStream; shared, owned by the API */
} FsimValue;

typedef struct _FsimApi FsimApi;

/* The parser's context for the API: where diagnostics point, the program
 * being built and the job's configuration that env methods change. */
FsimApi *fsim_api_new (const char *filename, const char *source, FsimProgram *program,
                       FsimConfig *config);
void fsim_api_free (FsimApi *api);
/* Applies call to receiver, giving the result in *result. */
gboolean fsim_api_call (FsimApi *api, const FsimValue *receiver, const FsimCall *call,
                        FsimValue *result, GError **error);
/* Resolves a stream variable named by arg (union(a, b), connect(b)); the
 * parser reports unknown names with a suggestion. */
typedef gboolean (*FsimNameLookup) (gpointer user_data, const FsimArg *arg, FsimValue *out,
                                    GError **error);
void fsim_api_set_name_lookup (FsimApi *api, FsimNameLookup lookup, gpointer user_data);
/* One argument expression alone (text is its whole source, one line):
 * errors are fsim_diagnostic's with filename NULL. (transfer full) */
FsimArg *fsim_parse_expression (const char *text, GError **error);

/* "DataStream", "KeyedStream"… (the Java class). */
const char *fsim_value_kind_name (FsimValueKind kind);
/* Every method name the API knows, NULL-terminated (docs, suggestions). */
const char *const *fsim_api_method_names (void);

G_END_DECLS
