/* tui-keys.c - the one key table: key -> action -> help text (htop's way).
 *
 * The help screen (?) and the hint line at the bottom are drawn from this
 * table, so they cannot drift from what the keys do. Handlers change the
 * state through tui.c and return flags; they never draw.
 */
#include "config.h"

#include <string.h>

#include "scheduler/scheduler.h"
#include "viz/tui-private.h"

static guint act_step (FsimTui *t) { return fsim_tui_step (t, 1); }
static guint act_back (FsimTui *t) { return fsim_tui_step (t, -1); }
static guint act_step_subtask (FsimTui *t) { return fsim_tui_step_selected (t); }
static guint act_first (FsimTui *t) { return fsim_tui_set_cursor (t, 0); }
static guint act_last (FsimTui *t) { return fsim_tui_set_cursor (t, G_MAXINT64); }
static guint act_next_ckpt (FsimTui *t) { return fsim_tui_jump (t, FSIM_TUI_LIST_CHECKPOINT, 1); }
static guint act_prev_ckpt (FsimTui *t) { return fsim_tui_jump (t, FSIM_TUI_LIST_CHECKPOINT, -1); }
static guint act_next_fail (FsimTui *t) { return fsim_tui_jump (t, FSIM_TUI_LIST_FAILURE, 1); }
static guint act_prev_fail (FsimTui *t) { return fsim_tui_jump (t, FSIM_TUI_LIST_FAILURE, -1); }
static guint act_checkpoints (FsimTui *t) { return fsim_tui_toggle_checkpoints (t); }
static guint act_event_time (FsimTui *t) { return fsim_tui_toggle_event_time (t); }
static guint act_samples (FsimTui *t) { return fsim_tui_toggle_samples (t); }
static guint act_pane (FsimTui *t) { return fsim_tui_focus_next (t, 1); }
static guint act_pane_back (FsimTui *t) { return fsim_tui_focus_next (t, -1); }
static guint act_up (FsimTui *t) { return fsim_tui_scroll (t, -1); }
static guint act_down (FsimTui *t) { return fsim_tui_scroll (t, 1); }
static guint act_left (FsimTui *t) { return fsim_tui_scroll_time (t, -8); }
static guint act_right (FsimTui *t) { return fsim_tui_scroll_time (t, 8); }
static guint act_zoom_in (FsimTui *t) { return fsim_tui_zoom (t, 1); }
static guint act_zoom_out (FsimTui *t) { return fsim_tui_zoom (t, -1); }
static guint act_zoom_fit (FsimTui *t) { return fsim_tui_zoom_fit (t); }
static guint act_zoom_whole (FsimTui *t) { return fsim_tui_zoom_whole (t); }
static guint act_run (FsimTui *t) { return fsim_tui_run_toggle (t); }
static guint act_slower (FsimTui *t) { return fsim_tui_run_speed (t, -1); }
static guint act_faster (FsimTui *t) { return fsim_tui_run_speed (t, 1); }
static guint act_quit (FsimTui *t) { return FSIM_TUI_QUIT; }
static guint act_what_if_fail (FsimTui *t) { return fsim_tui_what_if (t, FALSE); }
static guint act_what_if_kill (FsimTui *t) { return fsim_tui_what_if (t, TRUE); }
static guint act_flip (FsimTui *t) { return fsim_tui_flip (t); }
static guint act_next_step (FsimTui *t) { return fsim_tui_tour_move (t, 1); }
static guint act_prev_step (FsimTui *t) { return fsim_tui_tour_move (t, -1); }
static guint act_answer (FsimTui *t) { return fsim_tui_tour_ask (t); }
static guint act_lesson_up (FsimTui *t) { return fsim_tui_tour_scroll (t, -1); }
static guint act_lesson_down (FsimTui *t) { return fsim_tui_tour_scroll (t, 1); }
static guint act_lesson_job (FsimTui *t) { return fsim_tui_tour_toggle_job (t); }

/* A key of the lesson mode: hinted and bound only there. */
static gboolean
is_lesson (const FsimTuiBinding *b)
{
  return b->run == act_next_step || b->run == act_prev_step || b->run == act_answer
         || b->run == act_lesson_up || b->run == act_lesson_down || b->run == act_lesson_job;
}

static int
page_of (FsimTui *t)
{
  if (t->mode == FSIM_TUI_MODE_HELP || t->mode == FSIM_TUI_MODE_INSPECT)
    return MAX (t->drawn.overlay_page - 1, 1);
  return MAX (t->drawn.page[t->focus] - 1, 1);
}

static guint act_page_up (FsimTui *t) { return fsim_tui_scroll (t, -page_of (t)); }
static guint act_page_down (FsimTui *t) { return fsim_tui_scroll (t, page_of (t)); }

static guint
act_prompt (FsimTui *t, FsimTuiMode mode)
{
  t->mode_under_prompt = t->mode;
  t->mode = mode;
  t->running = FALSE;
  g_string_truncate (t->prompt, 0);
  return FSIM_TUI_REDRAW;
}

static guint act_goto (FsimTui *t) { return act_prompt (t, FSIM_TUI_MODE_PROMPT_TIME); }
static guint act_search (FsimTui *t) { return act_prompt (t, FSIM_TUI_MODE_PROMPT_SEARCH); }

static guint
act_inspect (FsimTui *t)
{
  if (t->mode == FSIM_TUI_MODE_INSPECT)
    {
      t->mode = FSIM_TUI_MODE_NORMAL;
      return FSIM_TUI_REDRAW;
    }
  if (fsim_tui_selected (t) == NULL)
    return fsim_tui_set_message (t, TRUE, _("no subtask selected: pick one with \u2191 \u2193"));
  t->mode = FSIM_TUI_MODE_INSPECT;
  t->inspect_scroll = 0;
  return FSIM_TUI_REDRAW;
}

static guint
act_help (FsimTui *t)
{
  t->mode = FSIM_TUI_MODE_HELP;
  t->help_scroll = 0;
  return FSIM_TUI_REDRAW;
}

#define STEP N_("Step through the run")
#define JUMP N_("Jump")
#define LOOK N_("Look around")
#define WHAT_IF N_("What if?")
#define RUN N_("Run, help, quit")
#define LESSON N_("In a lesson (flinksim lesson N)")

static const FsimTuiBinding bindings[] = {
  { { ']' }, "]", LESSON, N_("the lesson's next step: the cursor goes to the record it stops at"),
    N_("next step"), 0, act_next_step },
  { { '[' }, "[", LESSON, N_("the lesson's previous step"), N_("prev step"), 2, act_prev_step },
  { { 'a' }, "a", LESSON, N_("answer the step's question, typed in the lesson pane (a choice's "
       "letter or its text, or a value); Enter submits, Esc cancels"),
    N_("answer"), 1, act_answer },
  { { '}' }, "}", LESSON, N_("scroll the lesson pane down, when its text is longer than the pane"),
    NULL, 0, act_lesson_down },
  { { '{' }, "{", LESSON, N_("scroll the lesson pane up"), NULL, 0, act_lesson_up },
  { { 'J' }, "J", LESSON, N_("show the lesson's job in the lesson pane, its lines numbered (the "
       "questions refer to them; { } scroll it); J again shows the step"),
    N_("job"), 1, act_lesson_job },
  { { ' ', 'n' }, "space n", STEP, N_("step: the next trace record happens"), N_("step"), 1, act_step },
  { { 'b', 'N' }, "b N", STEP, N_("step back: undo the last record (nothing is recomputed)"),
    N_("back"), 1, act_back },
  { { 'm' }, "m", STEP, N_("show or hide the samples (metrics, channels: hidden, as in flinksim run)"), NULL, 0,
    act_samples },
  { { 's' }, "s", STEP, N_("step to the next record of the selected subtask"), N_("subtask"), 5,
    act_step_subtask },
  { { FSIM_KEY_HOME }, "Home", STEP, N_("go to the first record (the job is submitted)"),
    NULL, 0, act_first },
  { { FSIM_KEY_END }, "End", STEP, N_("go to the last record"), NULL, 0, act_last },
  { { 'g' }, "g", JUMP, N_("go to a time in Flink's duration syntax (2 s, 1500 ms; a bare number is ms) "
       "or a record (#120, numbered from #0)"),
    N_("time"), 3, act_goto },
  { { '/' }, "/", JUMP, N_("search records: names, states, whys (empty: search again); "
       "selects the subtask the record names"),
    N_("search"), 4, act_search },
  { { 'c' }, "c", JUMP, N_("next checkpoint event (trigger, barrier, blocked channel, snapshot, ack, "
       "completion); "
       "selects the subtask it names"), NULL,
    0, act_next_ckpt },
  { { 'C' }, "C", JUMP, N_("previous checkpoint event"), NULL, 0, act_prev_ckpt },
  { { 'f' }, "f", JUMP, N_("next failure or restart; selects the subtask it names"), NULL, 0, act_next_fail },
  { { 'F' }, "F", JUMP, N_("previous failure or restart"), NULL, 0, act_prev_fail },
  { { FSIM_KEY_TAB }, "Tab", LOOK, N_("switch pane: timeline, job graph, step, checkpoints"),
    N_("pane"), 7, act_pane },
  { { FSIM_KEY_BACKTAB }, "S-Tab", LOOK, N_("switch pane backwards"), NULL, 0, act_pane_back },
  { { FSIM_KEY_UP, 'k' }, "\u2191 k", LOOK, N_("timeline: select the subtask above; "
       "other panes: scroll up"), NULL, 0, act_up },
  { { FSIM_KEY_DOWN, 'j' }, "\u2193 j", LOOK, N_("timeline: select the subtask below; "
       "other panes: scroll down"), NULL, 0, act_down },
  { { FSIM_KEY_PAGE_UP }, "PgUp", LOOK, N_("a page up"), NULL, 0, act_page_up },
  { { FSIM_KEY_PAGE_DOWN }, "PgDn", LOOK, N_("a page down"), NULL, 0, act_page_down },
  { { FSIM_KEY_LEFT }, "\u2190", LOOK, N_("timeline: earlier in time"), NULL, 0, act_left },
  { { FSIM_KEY_RIGHT }, "\u2192", LOOK, N_("timeline: later in time"), NULL, 0, act_right },
  { { '+' }, "+", LOOK, N_("zoom the timeline in (less time per column)"), NULL, 0, act_zoom_in },
  { { '-' }, "-", LOOK, N_("zoom the timeline out"), NULL, 0, act_zoom_out },
  { { '=' }, "=", LOOK, N_("default zoom: from the start until every subtask runs"), NULL,
    0, act_zoom_fit },
  { { 'z' }, "z", LOOK, N_("zoom to fit: the whole run, from 0 to the last record"), NULL, 0,
    act_zoom_whole },
  { { FSIM_KEY_ENTER, '\r' }, "Enter", LOOK, N_("inspect the selected subtask: its metrics "
       "and channels at the cursor, its slot and slot mates, where and why it was deployed, "
       "every state change with its why"),
    N_("inspect"), 2, act_inspect },
  { { 'h' }, "h", LOOK, N_("show or hide the checkpoint history pane"), NULL, 0, act_checkpoints },
  { { 'e' }, "e", LOOK, N_("show or hide the event-time pane: a window's watermark and its "
                           "records' event times against processing time, fired windows and "
                           "late records marked"), NULL, 0, act_event_time },
  { { 0 }, "click", LOOK, N_("a click on a subtask row selects it; on a pane focuses it"),
    NULL, 0, NULL },
  { { 'x' }, "x", WHAT_IF, N_("what if the selected subtask failed here? Simulates the job "
       "again with that fault at the cursor's time and shows the new run where it first "
       "differs"), N_("what if"), 6, act_what_if_fail },
  { { 'X' }, "X", WHAT_IF, N_("what if the selected subtask's TaskManager died here? The same, "
       "killing it (noticed by heartbeat timeout)"), NULL, 0, act_what_if_kill },
  { { 'w' }, "w", WHAT_IF, N_("flip between this run and the other one, at the same simulated "
       "time; the header says which is shown and where they start to differ"), NULL, 0,
    act_flip },
  { { 'r' }, "r", RUN, N_("run or pause: step continuously at the chosen speed"), N_("run"), 6, act_run },
  { { '<' }, "<", RUN, N_("run slower (simulated time per second)"), NULL, 0, act_slower },
  { { '>' }, ">", RUN, N_("run faster"), NULL, 0, act_faster },
  { { '?' }, "?", RUN, N_("this help"), N_("help"), 0, act_help },
  { { 'q' }, "q", RUN, N_("quit (in the inspect view q closes it; Esc closes help, inspect "
       "and prompts)"), N_("quit"), 0, act_quit },
};

const FsimTuiBinding *
fsim_tui_bindings (guint *n)
{
  *n = G_N_ELEMENTS (bindings);
  return bindings;
}

const FsimTuiBinding *
fsim_tui_binding_for_key (int key)
{
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    for (int k = 0; k < 4 && bindings[i].keys[k]; k++)
      if (bindings[i].keys[k] == key)
        return &bindings[i];
  return NULL;
}

char *
fsim_tui_key_name (int key)
{
  static const struct {
    int key;
    const char *name;
  } names[] = {
    { ' ', "space" }, { FSIM_KEY_TAB, "Tab" }, { FSIM_KEY_ENTER, "Enter" },
    { FSIM_KEY_ESCAPE, "Esc" }, { FSIM_KEY_BACKSPACE, "Backspace" },
    { FSIM_KEY_UP, "Up" }, { FSIM_KEY_DOWN, "Down" }, { FSIM_KEY_LEFT, "Left" },
    { FSIM_KEY_RIGHT, "Right" }, { FSIM_KEY_PAGE_UP, "PgUp" },
    { FSIM_KEY_PAGE_DOWN, "PgDn" }, { FSIM_KEY_HOME, "Home" }, { FSIM_KEY_END, "End" },
    { FSIM_KEY_BACKTAB, "S-Tab" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].key == key)
      return g_strdup (names[i].name);
  if (key > 0 && key < 32)
    return g_strdup_printf ("Ctrl-%c", '@' + key);
  if (key > 0 && key < 0x110000 && g_unichar_isprint ((gunichar) key))
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 ((gunichar) key, buf);
      return g_strdup (buf);
    }
  return g_strdup_printf (_("key %d"), key);
}

/* ------------------------------------------------------------------------ */
/* Dispatch                                                                   */

static guint
prompt_key (FsimTui *t, int key)
{
  switch (key)
    {
    case FSIM_KEY_ESCAPE:
      t->mode = t->mode_under_prompt;
      return FSIM_TUI_REDRAW;
    case FSIM_KEY_ENTER:
    case '\r':
      {
        FsimTuiMode was = t->mode;
        t->mode = t->mode_under_prompt;
        g_autofree char *text = g_strdup (t->prompt->str);
        if (was == FSIM_TUI_MODE_PROMPT_TIME)
          return *text ? fsim_tui_goto (t, text) | FSIM_TUI_REDRAW : FSIM_TUI_REDRAW;
        if (was == FSIM_TUI_MODE_PROMPT_ANSWER)
          return fsim_tui_tour_answer (t, text) | FSIM_TUI_REDRAW;
        return fsim_tui_search (t, text) | FSIM_TUI_REDRAW;
      }
    case FSIM_KEY_BACKSPACE:
    case 8:
      if (t->prompt->len > 0)
        {
          const char *last = g_utf8_find_prev_char (t->prompt->str,
                                                    t->prompt->str + t->prompt->len);
          g_string_truncate (t->prompt, (gsize) (last - t->prompt->str));
        }
      return FSIM_TUI_REDRAW;
    case 21:                    /* Ctrl-U, as in a shell */
      g_string_truncate (t->prompt, 0);
      return FSIM_TUI_REDRAW;
    default:
      if (key >= ' ' && key < 0x110000 && g_unichar_isprint ((gunichar) key)
          && t->prompt->len < 200)
        g_string_append_unichar (t->prompt, (gunichar) key);
      return FSIM_TUI_REDRAW;
    }
}

guint
fsim_tui_handle_key (FsimTui *t, int key)
{
  if (t->mode == FSIM_TUI_MODE_PROMPT_TIME || t->mode == FSIM_TUI_MODE_PROMPT_SEARCH
      || t->mode == FSIM_TUI_MODE_PROMPT_ANSWER)
    return prompt_key (t, key);
  gboolean had_message = t->message != NULL;
  g_clear_pointer (&t->message, g_free);
  if (t->mode == FSIM_TUI_MODE_HELP)
    {
      if (key == FSIM_KEY_UP || key == FSIM_KEY_DOWN || key == 'k' || key == 'j'
          || key == FSIM_KEY_PAGE_UP || key == FSIM_KEY_PAGE_DOWN)
        return fsim_tui_binding_for_key (key)->run (t) | FSIM_TUI_REDRAW;
      if (key == FSIM_KEY_HOME || key == FSIM_KEY_END)
        return fsim_tui_scroll (t, key == FSIM_KEY_HOME ? -G_MAXINT / 4 : G_MAXINT / 4)
               | FSIM_TUI_REDRAW;
      t->mode = FSIM_TUI_MODE_NORMAL;   /* any other key closes the help */
      return FSIM_TUI_REDRAW;
    }
  if (t->mode == FSIM_TUI_MODE_INSPECT && (key == FSIM_KEY_ESCAPE || key == 'q'))
    {
      t->mode = FSIM_TUI_MODE_NORMAL;
      return FSIM_TUI_REDRAW;
    }
  if (key == FSIM_KEY_ESCAPE)
    return had_message ? FSIM_TUI_REDRAW : 0;
  const FsimTuiBinding *b = fsim_tui_binding_for_key (key);
  if (b && is_lesson (b) && t->tour == NULL)
    {
      g_autofree char *name = fsim_tui_key_name (key);
      return fsim_tui_set_message (t, TRUE, _("%s works in a lesson (flinksim lesson N); "
                                              "? lists the keys"), name);
    }
  if (b == NULL || b->run == NULL)
    {
      g_autofree char *name = fsim_tui_key_name (key);
      return fsim_tui_set_message (t, TRUE, _("%s does nothing here; ? lists the keys"), name);
    }
  /* a key pressed while running pauses, except the run keys themselves */
  if (t->running && b->run != act_run && b->run != act_faster && b->run != act_slower
      && b->run != act_help)
    t->running = FALSE;
  return b->run (t) | (had_message ? FSIM_TUI_REDRAW : 0);
}

guint
fsim_tui_handle_click (FsimTui *t, int x, int y)
{
  if (t->mode == FSIM_TUI_MODE_HELP || t->mode == FSIM_TUI_MODE_PROMPT_TIME
      || t->mode == FSIM_TUI_MODE_PROMPT_SEARCH || t->mode == FSIM_TUI_MODE_PROMPT_ANSWER)
    return 0;
  guint flags = 0;
  for (int p = 0; p < FSIM_TUI_PANE_COUNT; p++)
    if (t->drawn.panes[p].w > 0 && fsim_tui_area_contains (t->drawn.panes[p], x, y)
        && t->focus != (FsimTuiPane) p)
      {
        t->focus = (FsimTuiPane) p;
        flags |= FSIM_TUI_REDRAW;
      }
  FsimTuiArea rows = t->drawn.timeline_rows;
  if (rows.w > 0 && fsim_tui_area_contains (rows, x, y))
    {
      g_autoptr (GArray) all = fsim_tui_rows (t);
      int i = t->drawn.timeline_first_row + (y - rows.y);
      if (i >= 0 && i < (int) all->len)
        {
          const FsimTuiRow *r = &g_array_index (all, FsimTuiRow, i);
          if (r->subtask)
            {
              t->sel_vertex = r->subtask->vertex;
              t->sel_subtask = r->subtask->subtask;
              t->inspect_scroll = 0;
              flags |= FSIM_TUI_REDRAW;
            }
        }
    }
  return flags;
}

/* ------------------------------------------------------------------------ */
/* The hint line and the help screen                                          */

static void
draw_prompt (FsimTui *t, FsimTuiArea a)
{
  gboolean time = t->mode == FSIM_TUI_MODE_PROMPT_TIME;
  const char *label = time ? _("Go to time or #record: ") : _("Search: ");
  int x = fsim_tui_print (a, 0, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, label);
  x += fsim_tui_print (a, x, 0, a.w - x - 24, FSIM_TUI_ROLE_DEFAULT, 0, t->prompt->str);
  fsim_tui_put (a, x, 0, ' ', FSIM_TUI_ROLE_CURSOR, FSIM_TUI_ATTR_REVERSE);
  const char *tail = time ? _("  Enter go  Esc cancel") : _("  Enter find  Esc cancel");
  fsim_tui_print (a, x + 1, 0, -1, FSIM_TUI_ROLE_DIM, 0, tail);
}

/* "n" for space: shorter, and the same action */
static char *
hint_key (const FsimTuiBinding *b)
{
  return b->keys[0] == ' ' ? g_strdup ("n") : fsim_tui_key_name (b->keys[0]);
}

/* What the key does now: r pauses while running. */
static const char *
hint_word (FsimTui *t, const FsimTuiBinding *b)
{
  return b->run == act_run && t->running ? _("pause") : _(b->hint);
}

static int
hint_width (FsimTui *t, const FsimTuiBinding *b)
{
  g_autofree char *key = hint_key (b);
  return fsim_tui_text_width (key) + 1 + fsim_tui_text_width (hint_word (t, b)) + 2;
}

static int
draw_hint_item (FsimTui *t, FsimTuiArea a, int x, const FsimTuiBinding *b)
{
  g_autofree char *key = hint_key (b);
  x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, key);
  x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_HINT, 0, " ");
  x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_HINT, 0, hint_word (t, b));
  return x + 2;
}

/* Whether b's hint belongs on the line now: the lesson keys only in a
 * lesson; no "x what if" where x is refused (a lesson, a Flink plan: no
 * job to fork, tui-whatif.c); no "q quit" where q closes the inspect. */
static gboolean
hinted (FsimTui *t, const FsimTuiBinding *b, gboolean inspect)
{
  return b->hint && (t->tour || !is_lesson (b)) && !(b->run == act_what_if_fail && t->fork == NULL)
         && !(inspect && b->run == act_quit);
}

void
fsim_tui_draw_hint (FsimTui *t, FsimTuiArea a)
{
  fsim_tui_fill (a, ' ', FSIM_TUI_ROLE_HINT, 0);
  if (t->mode == FSIM_TUI_MODE_PROMPT_TIME || t->mode == FSIM_TUI_MODE_PROMPT_SEARCH)
    {
      draw_prompt (t, a);
      return;
    }
  if (t->mode == FSIM_TUI_MODE_PROMPT_ANSWER)
    {
      int x = fsim_tui_print (a, 1, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, "Enter");
      x += fsim_tui_print (a, 1 + x, 0, -1, FSIM_TUI_ROLE_HINT, 0, _(" submit the answer  "));
      x += fsim_tui_print (a, 1 + x, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, "Esc");
      fsim_tui_print (a, 1 + x, 0, -1, FSIM_TUI_ROLE_HINT, 0, _(" cancel"));
      return;
    }
  if (t->message)
    {
      fsim_tui_print (a, 1, 0, -1, t->message_is_error ? FSIM_TUI_ROLE_BAD : FSIM_TUI_ROLE_HINT,
                      FSIM_TUI_ATTR_BOLD, t->message);
      return;
    }
  int x = 1;
  if (t->mode == FSIM_TUI_MODE_HELP)
    {
      fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_HINT, 0,
                      _("\u2191 \u2193 PgUp PgDn Home End scroll the help; any other key closes it"));
      return;
    }
  gboolean inspect = t->mode == FSIM_TUI_MODE_INSPECT;
  if (inspect)
    {
      /* q closes the inspect rather than quitting: no "q quit" here */
      x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, "Esc q");
      x += fsim_tui_print (a, x, 0, -1, FSIM_TUI_ROLE_HINT, 0, _(" close  "));
    }
  /* the most useful hints that fit, in table order ("? help" and "q quit"
   * rank first and stay even at 80 columns) */
  int rank = 0, room = a.w - x;
  for (int r = 0; r <= 9; r++)
    {
      int width = 0;
      for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
        if (bindings[i].hint_rank <= r && hinted (t, &bindings[i], inspect))
          width += hint_width (t, &bindings[i]);
      if (width <= room)
        rank = r;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    if (bindings[i].hint_rank <= rank && hinted (t, &bindings[i], inspect))
      x = draw_hint_item (t, a, x, &bindings[i]);
}

/* A help writer: lines below `scroll` are drawn, the rest only counted. */
typedef struct {
  FsimTuiArea a;
  int y, scroll;
} HelpPen;

static FsimTuiArea
help_line (HelpPen *p)
{
  int row = p->y++ - p->scroll;
  if (row < 0 || row >= p->a.h)
    return fsim_tui_area_sub (p->a, 0, 0, 0, 0);
  return fsim_tui_area_sub (p->a, 0, row, p->a.w, 1);
}

/* A paragraph; continuation lines indented to its first word. */
static void
help_text (HelpPen *p, FsimTuiRole role, guint attr, const char *text)
{
  int indent = (int) strspn (text, " ");
  indent += indent > 0 ? 2 : 0;
  g_autoptr (GPtrArray) lines = fsim_tui_wrap (text, p->a.w, p->a.w - indent);
  for (guint i = 0; i < lines->len; i++)
    fsim_tui_print (help_line (p), i == 0 ? 0 : indent, 0, -1, role, attr,
                    g_ptr_array_index (lines, i));
}

static void
help_pair (HelpPen *p, int key_width, const char *key, const char *text)
{
  int x = 2 + key_width + 2;
  g_autoptr (GPtrArray) lines = fsim_tui_wrap (text, p->a.w - x, p->a.w - x);
  for (guint i = 0; i < lines->len; i++)
    {
      FsimTuiArea l = help_line (p);
      if (i == 0)
        fsim_tui_print (l, 2, 0, key_width, FSIM_TUI_ROLE_KEY, FSIM_TUI_ATTR_BOLD, key);
      fsim_tui_print (l, x, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, g_ptr_array_index (lines, i));
    }
}

/* One "glyph name" item of a legend line; a new line when it would not fit. */
static void
legend_item (HelpPen *p, FsimTuiArea *l, int *x, gunichar glyph, FsimTuiRole role,
             const char *text)
{
  if (*x > 2 && *x + 2 + fsim_tui_text_width (text) > p->a.w)
    {
      *l = help_line (p);
      *x = 2;
    }
  fsim_tui_put (*l, *x, 0, glyph, role, 0);
  fsim_tui_print (*l, *x + 2, 0, -1, FSIM_TUI_ROLE_DEFAULT, 0, text);
  /* by width, not by what was printed: the counting pass prints nothing */
  *x += 2 + fsim_tui_text_width (text) + 2;
}

static void
help_legend (HelpPen *p)
{
  help_text (p, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, _("Reading the timeline"));
  help_text (p, FSIM_TUI_ROLE_DEFAULT, 0,
             _("  One row per subtask (\"Map (2/4)#0\": subtask 2 of 4, attempt 0); time flows right."));
  help_text (p, FSIM_TUI_ROLE_DEFAULT, 0,
             _("  Rows under one \"TaskManager n \u00b7 slot m\" heading share that slot (slot sharing)."));
  /* in the order a subtask lives them, not Flink's enum order */
  static const FsimExecutionState lifecycle[] = {
    FSIM_EXECUTION_CREATED, FSIM_EXECUTION_SCHEDULED, FSIM_EXECUTION_DEPLOYING,
    FSIM_EXECUTION_INITIALIZING, FSIM_EXECUTION_RUNNING, FSIM_EXECUTION_FINISHED,
    FSIM_EXECUTION_CANCELING, FSIM_EXECUTION_CANCELED, FSIM_EXECUTION_FAILED,
  };
  FsimTuiArea l = help_line (p);
  int x = 2;
  for (guint i = 0; i < G_N_ELEMENTS (lifecycle); i++)
    legend_item (p, &l, &x, fsim_tui_state_glyph (lifecycle[i]),
                 fsim_tui_execution_role (lifecycle[i]),
                 fsim_execution_state_name (lifecycle[i]));
  help_text (p, FSIM_TUI_ROLE_DEFAULT, 0,
             _("  Once records flow, a RUNNING cell says what the task did then: backpressured "
               "from the moment a task-activity record says so until one says it ended; "
               "otherwise busy or idle, whichever of busyTimeMsPerSecond and "
               "idleTimeMsPerSecond is larger in the latest metric sample (once a second)."));
  static const FsimTaskActivity activities[] = {
    FSIM_TASK_BUSY, FSIM_TASK_IDLE, FSIM_TASK_BACKPRESSURED, FSIM_TASK_ALIGNING,
  };
  l = help_line (p);
  x = 2;
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    legend_item (p, &l, &x, fsim_tui_activity_glyph (activities[i]),
                 fsim_tui_state_role (&fsim_task_activity_machine, activities[i]),
                 fsim_tui_activity_label (activities[i]));
  static const struct {
    gunichar glyph;
    FsimTuiRole role;
    const char *text;
  } marks[] = {
    { 0x2506, FSIM_TUI_ROLE_BARRIER, N_("barrier received") },
    { 0x2503, FSIM_TUI_ROLE_BARRIER, N_("barrier forwarded") },
    { 0x21BB, FSIM_TUI_ROLE_WARN, N_("restart (new attempt)") },
    { 0x2717, FSIM_TUI_ROLE_BAD, N_("failure") },
  };
  l = help_line (p);
  x = 2;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    legend_item (p, &l, &x, marks[i].glyph, marks[i].role, _(marks[i].text));
  help_text (p, FSIM_TUI_ROLE_DEFAULT, 0,
             _("  The highlighted column is the cursor: every pane shows the run as of that record."));
}

static void
help_content (FsimTui *t, HelpPen *p)
{
  int key_width = 0;
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    key_width = MAX (key_width, fsim_tui_text_width (bindings[i].label));
  help_text (p, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, _("Questions and where to look"));
  static const char *const questions[] = {
    N_("  When and where was a subtask deployed, and why?  Select it with \u2191 \u2193 (or a "
       "click) and press Enter: its slot, its slot mates and every state change with its why."),
    N_("  Which subtasks share a slot?  The rows under one \"TaskManager n \u00b7 slot m\" "
       "heading of the timeline."),
    N_("  What happened before?  b steps back one record, g goes to a time, Home to the start; "
       "every pane shows the run as of the cursor."),
    N_("  Why did this happen?  The step pane shows each record's why: the Flink rule behind it."),
    N_("  Where did it fail or restart, and why?  f and F jump between failures and restarts "
       "and select the subtask; Enter then shows its history. c and C do the same for "
       "checkpoint events; h shows the checkpoint history."),
    N_("  What if this subtask had failed here?  x simulates the job again with that fault "
       "(X: its TaskManager dies) and shows the new run where it first differs; w flips "
       "between the two runs at the same time."),
    N_("  What do the timeline's marks mean?  \"Reading the timeline\", at the end of this help."),
  };
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    help_text (p, FSIM_TUI_ROLE_DEFAULT, 0, _(questions[i]));
  /* the lesson's keys first in a lesson, last elsewhere */
  const char *section = NULL;
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
      {
        if (is_lesson (&bindings[i]) != ((pass == 0) == (t->tour != NULL)))
          continue;
        if (g_strcmp0 (section, bindings[i].section) != 0)
          {
            section = bindings[i].section;
            help_line (p);
            help_text (p, FSIM_TUI_ROLE_TITLE, FSIM_TUI_ATTR_BOLD, _(section));
          }
        help_pair (p, key_width, bindings[i].label, _(bindings[i].help));
      }
  help_line (p);
  help_legend (p);
}

void
fsim_tui_draw_help (FsimTui *t, FsimTuiArea area)
{
  fsim_tui_fill (area, ' ', FSIM_TUI_ROLE_DEFAULT, 0);
  fsim_tui_box (area, _("Help: flinksim step-through"), TRUE);
  FsimTuiArea in = fsim_tui_area_sub (area, 2, 1, area.w - 4, area.h - 2);
  t->drawn.overlay_page = MAX (in.h, 1);
  /* count the lines first, so that scrolling stops at the last page: the
   * same width (wrapping depends on it), every line scrolled out of view */
  HelpPen count = { in, 0, G_MAXINT / 2 };
  help_content (t, &count);
  t->drawn.help_lines = count.y;
  int scroll = CLAMP (t->help_scroll, 0, MAX (count.y - in.h, 0));
  HelpPen p = { in, 0, scroll };
  help_content (t, &p);
  if (p.y > in.h)
    {
      g_autofree char *more = g_strdup_printf (_(" %d-%d of %d lines "), scroll + 1,
                                               MIN (scroll + in.h, p.y), p.y);
      fsim_tui_print (area, area.w - fsim_tui_text_width (more) - 2, area.h - 1, -1,
                      FSIM_TUI_ROLE_TITLE, 0, more);
    }
}
