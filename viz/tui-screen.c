/* tui-screen.c - the only file that talks to ncursesw (tmux's tty.c).
 *
 * Turns keys, mouse clicks, resizes and the passing of wall-clock time into
 * calls on the TUI state, and copies the drawn grid to the terminal, mapping
 * colour roles to curses colours (or, under NO_COLOR or on a terminal without
 * colours, to bold / reverse / underline). Whatever happens, the terminal is
 * given back as it was: endwin() on quit, on errors, at exit, and from the
 * handlers of SIGINT, SIGTERM, SIGHUP and (best effort) SIGSEGV / SIGABRT.
 *
 * Compiled alone with NCURSESW_CFLAGS (which define _XOPEN_SOURCE=600).
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz/tui-private.h"
#include "viz/viz.h"

/* Set once curses owns the terminal; signal handlers and atexit read it. */
static volatile sig_atomic_t screen_active;
static volatile sig_atomic_t stop_requested;

static void
restore_terminal (void)
{
  if (screen_active)
    {
      screen_active = 0;
      endwin ();
    }
}

static void
on_stop_signal (int sig)
{
  /* leave the loop; the loop restores the terminal */
  stop_requested = sig;
}

static void
on_crash_signal (int sig)
{
  /* not async-signal-safe, but a broken terminal is worse than a
   * half-restored one; then die of the same signal */
  restore_terminal ();
  signal (sig, SIG_DFL);
  raise (sig);
}

typedef struct {
  struct sigaction old[6];
} SavedSignals;

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int crash_signals[] = { SIGSEGV, SIGABRT, SIGBUS };

static void
install_signals (SavedSignals *saved)
{
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    {
      struct sigaction sa = { 0 };
      sa.sa_handler = on_stop_signal;
      sigemptyset (&sa.sa_mask);
      sigaction (stop_signals[i], &sa, &saved->old[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    {
      struct sigaction sa = { 0 };
      sa.sa_handler = on_crash_signal;
      sigemptyset (&sa.sa_mask);
      sa.sa_flags = SA_RESETHAND;
      sigaction (crash_signals[i], &sa, &saved->old[3 + i]);
    }
}

static void
restore_signals (SavedSignals *saved)
{
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    sigaction (stop_signals[i], &saved->old[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (crash_signals); i++)
    sigaction (crash_signals[i], &saved->old[3 + i], NULL);
}

/* ------------------------------------------------------------------------ */
/* Roles to curses attributes                                                 */

typedef struct {
  short fg, bg;                 /* -1: the terminal's default */
  attr_t attr;                  /* added to the colour */
  attr_t mono;                  /* used instead when there is no colour */
} RoleLook;

static const RoleLook looks[FSIM_TUI_ROLE_COUNT] = {
  [FSIM_TUI_ROLE_DEFAULT] = { -1, -1, 0, 0 },
  [FSIM_TUI_ROLE_HEADER] = { COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE },
  [FSIM_TUI_ROLE_BORDER] = { COLOR_BLUE, -1, 0, 0 },
  [FSIM_TUI_ROLE_BORDER_FOCUS] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_TITLE] = { COLOR_CYAN, -1, 0, A_BOLD },
  [FSIM_TUI_ROLE_DIM] = { -1, -1, A_DIM, A_DIM },
  [FSIM_TUI_ROLE_KEY] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_HINT] = { -1, -1, 0, 0 },
  [FSIM_TUI_ROLE_CURSOR] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_SELECTED] = { -1, -1, A_REVERSE, A_REVERSE },
  [FSIM_TUI_ROLE_HIGHLIGHT] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_LESSON] = { COLOR_MAGENTA, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
  [FSIM_TUI_ROLE_WHY] = { COLOR_GREEN, -1, 0, 0 },
  [FSIM_TUI_ROLE_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_BAD] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
  [FSIM_TUI_ROLE_WARN] = { COLOR_YELLOW, -1, 0, A_BOLD },
  [FSIM_TUI_ROLE_TONE_WAITING] = { -1, -1, A_DIM, A_DIM },
  [FSIM_TUI_ROLE_TONE_PENDING] = { COLOR_BLUE, -1, A_BOLD, 0 },
  [FSIM_TUI_ROLE_TONE_STARTING] = { COLOR_CYAN, -1, 0, 0 },
  [FSIM_TUI_ROLE_TONE_PREPARING] = { COLOR_YELLOW, -1, 0, 0 },
  [FSIM_TUI_ROLE_TONE_ACTIVE] = { COLOR_GREEN, -1, 0, 0 },
  [FSIM_TUI_ROLE_TONE_DONE] = { -1, -1, 0, 0 },
  [FSIM_TUI_ROLE_TONE_STOPPING] = { COLOR_YELLOW, -1, A_DIM, 0 },
  [FSIM_TUI_ROLE_TONE_STOPPED] = { COLOR_YELLOW, -1, A_DIM, A_DIM },
  [FSIM_TUI_ROLE_TONE_FAILED] = { COLOR_RED, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_TONE_HELD] = { COLOR_RED, -1, 0, A_UNDERLINE },
  [FSIM_TUI_ROLE_TONE_BLOCKED] = { COLOR_MAGENTA, -1, 0, A_UNDERLINE },
  [FSIM_TUI_ROLE_TONE_RECOVERING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
  [FSIM_TUI_ROLE_BARRIER] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
};

typedef struct {
  gboolean color;
  gboolean ascii;
} Screen;

static void
init_colors (Screen *scr)
{
  const char *no_color = g_getenv ("NO_COLOR");
  /* https://no-color.org: set and not empty disables colour */
  scr->color = has_colors () && !(no_color && *no_color);
  if (!scr->color)
    return;
  start_color ();
  use_default_colors ();
  for (int r = 0; r < FSIM_TUI_ROLE_COUNT; r++)
    init_pair ((short) (r + 1), looks[r].fg, looks[r].bg);
}

static attr_t
cell_attr (const Screen *scr, const FsimTuiCell *c, short *pair)
{
  const RoleLook *l = &looks[c->role < FSIM_TUI_ROLE_COUNT ? c->role : 0];
  attr_t a = scr->color ? l->attr : l->mono;
  *pair = scr->color ? (short) (c->role + 1) : 0;
  if (c->attr & FSIM_TUI_ATTR_BOLD)
    a |= A_BOLD;
  if (c->attr & FSIM_TUI_ATTR_REVERSE)
    a |= A_REVERSE;
  if (c->attr & FSIM_TUI_ATTR_UNDERLINE)
    a |= A_UNDERLINE;
  return a;
}

static void
paint (const Screen *scr, const FsimTuiGrid *grid)
{
  int w = fsim_tui_grid_width (grid), h = fsim_tui_grid_height (grid);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const FsimTuiCell *c = fsim_tui_grid_cell (grid, x, y);
        if (c->ch == 0)
          continue;             /* right half of a wide character */
        short pair;
        attr_t a = cell_attr (scr, c, &pair);
        gunichar ch = scr->ascii ? fsim_tui_glyph_ascii (c->ch) : c->ch;
        wchar_t s[2] = { (wchar_t) ch, 0 };
        cchar_t cc;
        setcchar (&cc, s, a, pair, NULL);
        /* the bottom-right cell reports ERR (the cursor cannot advance): harmless */
        mvadd_wch (y, x, &cc);
      }
}

static int
translate_key (int code)
{
  switch (code)
    {
    case KEY_UP: return FSIM_KEY_UP;
    case KEY_DOWN: return FSIM_KEY_DOWN;
    case KEY_LEFT: return FSIM_KEY_LEFT;
    case KEY_RIGHT: return FSIM_KEY_RIGHT;
    case KEY_PPAGE: return FSIM_KEY_PAGE_UP;
    case KEY_NPAGE: return FSIM_KEY_PAGE_DOWN;
    case KEY_HOME: return FSIM_KEY_HOME;
    case KEY_END: return FSIM_KEY_END;
    case KEY_BTAB: return FSIM_KEY_BACKTAB;
    case KEY_ENTER: return FSIM_KEY_ENTER;
    case KEY_BACKSPACE: return FSIM_KEY_BACKSPACE;
    default: return 0;
    }
}

gboolean
fsim_viz_tui_available (GError **error)
{
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    {
      g_set_error_literal (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TERMINAL,
                           isatty (STDIN_FILENO)
                           ? _("the step-through TUI needs a terminal, and standard output is not one.\n"
                               "'flinksim run JOB' prints the same trace as text.")
                           : _("the step-through TUI needs a terminal, and standard input is not one.\n"
                               "'flinksim run JOB' prints the same trace as text."));
      return FALSE;
    }
  const char *term = g_getenv ("TERM");
  if (term == NULL || *term == '\0')
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TERMINAL,
                   _("TERM is not set, so the TUI cannot drive this terminal.\n"
                     "Set it (e.g. TERM=xterm-256color), or use 'flinksim run JOB' for text."));
      return FALSE;
    }
  return TRUE;
}

/* Starts curses on the terminal; NULL (and a message) if it cannot. */
static SCREEN *
start_curses (Screen *scr, GError **error)
{
  SCREEN *s = newterm (NULL, stdout, stdin);
  if (s == NULL)
    {
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TERMINAL,
                   _("cannot drive the terminal TERM=%s.\n"
                     "Try TERM=xterm, or 'flinksim run JOB' for the trace as text."),
                   g_getenv ("TERM"));
      return NULL;
    }
  set_term (s);
  if (tigetstr ((char *) "cup") == NULL || tigetstr ((char *) "cup") == (char *) -1)
    {
      endwin ();
      delscreen (s);
      g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_TERMINAL,
                   _("TERM=%s cannot move the cursor, which the TUI needs.\n"
                     "Try TERM=xterm, or 'flinksim run JOB' for the trace as text."),
                   g_getenv ("TERM"));
      return NULL;
    }
  screen_active = 1;
  cbreak ();
  noecho ();
  nonl ();
  keypad (stdscr, TRUE);
  set_escdelay (25);
  curs_set (0);
  mousemask (BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
  mouseinterval (0);
  const char *codeset = nl_langinfo (CODESET);
  scr->ascii = codeset == NULL || g_ascii_strcasecmp (codeset, "UTF-8") != 0;
  init_colors (scr);
  return s;
}

static guint
handle_input (FsimTui *tui, FsimTuiGrid *grid, int rc, wint_t wch)
{
  if (rc == KEY_CODE_YES)
    {
      if (wch == KEY_RESIZE)
        {
          fsim_tui_grid_resize (grid, COLS, LINES);
          return FSIM_TUI_REDRAW;
        }
      if (wch == KEY_MOUSE)
        {
          MEVENT ev;
          if (getmouse (&ev) == OK && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
            return fsim_tui_handle_click (tui, ev.x, ev.y);
          return 0;
        }
      int key = translate_key ((int) wch);
      return key ? fsim_tui_handle_key (tui, key) : 0;
    }
  int key = (int) wch;
  if (key == '\r')
    key = FSIM_KEY_ENTER;
  else if (key == 8)
    key = FSIM_KEY_BACKSPACE;
  return fsim_tui_handle_key (tui, key);
}

static void
loop (FsimTui *tui, Screen *scr)
{
  g_autoptr (FsimTuiGrid) grid = fsim_tui_grid_new (COLS, LINES);
  tui->ascii = scr->ascii;
  guint flags = FSIM_TUI_REDRAW;
  gint64 last = g_get_monotonic_time ();
  while (!stop_requested && !(flags & FSIM_TUI_QUIT))
    {
      if (flags & FSIM_TUI_REDRAW)
        {
          fsim_tui_draw (tui, grid);
          erase ();
          paint (scr, grid);
          refresh ();
        }
      /* block for keys, unless running: then wake up 20 times a second */
      timeout (tui->pending_what ? 0 : tui->running ? 50 : 500);
      wint_t wch = 0;
      int rc = get_wch (&wch);
      gint64 now = g_get_monotonic_time ();
      flags = fsim_tui_tick (tui, now - last);
      last = now;
      if (rc != ERR)
        flags |= handle_input (tui, grid, rc, wch);
    }
}

static gboolean run_tui (FsimTui *tui, GError **error);

gboolean
fsim_viz_tui_run (FsimTrace *trace, const FsimJobGraph *job_graph, const char *job_name,
                  FsimVizForkFunc fork, FsimVizProbeFunc probe, gpointer data, GError **error)
{
  if (!fsim_viz_tui_available (error))
    return FALSE;
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, job_graph, job_name);
  fsim_tui_set_forker (tui, fork, data);
  fsim_tui_set_prober (tui, probe, data);
  return run_tui (tui, error);
}

gboolean
fsim_viz_tui_run_tour (FsimTrace *trace, const FsimJobGraph *job_graph, const char *job_name,
                       const FsimVizTour *tour, FsimVizProbeFunc probe, gpointer probe_data,
                       GError **error)
{
  if (!fsim_viz_tui_available (error))
    return FALSE;
  g_autoptr (FsimTui) tui = fsim_tui_new (trace, job_graph, job_name);
  fsim_tui_set_tour (tui, tour);
  fsim_tui_set_prober (tui, probe, probe_data);
  return run_tui (tui, error);
}

gboolean
fsim_viz_tui_run_compare (const FsimVizRun *a, const FsimVizRun *b, const char *job_name,
                          GError **error)
{
  if (!fsim_viz_tui_available (error))
    return FALSE;
  g_autoptr (FsimTui) tui = fsim_tui_new (a->trace, a->job_graph, job_name);
  fsim_tui_runs_name_first (tui, a->what);
  fsim_tui_runs_add (tui, b);
  return run_tui (tui, error);
}

static gboolean
run_tui (FsimTui *tui, GError **error)
{
  Screen scr = { 0 };
  static gboolean atexit_done;
  if (!atexit_done)
    {
      atexit (restore_terminal);       /* also when something calls exit() */
      atexit_done = TRUE;
    }
  SavedSignals saved;
  install_signals (&saved);
  stop_requested = 0;
  SCREEN *s = start_curses (&scr, error);
  if (s == NULL)
    {
      restore_signals (&saved);
      return FALSE;
    }
  loop (tui, &scr);
  restore_terminal ();
  delscreen (s);
  restore_signals (&saved);
  if (stop_requested)
    {
      /* Ctrl-C or the session ended: the terminal is back, now die of the
       * signal as the shell expects */
      int sig = stop_requested;
      stop_requested = 0;
      raise (sig);
    }
  return TRUE;
}
