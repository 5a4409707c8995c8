/* input.c - reading a job or plan file a user names, within bounds.
 *
 * g_file_get_contents reads until EOF: /dev/zero grows until the machine
 * refuses, a FIFO without a writer blocks forever (issue 9). Here the file
 * is opened without blocking and looked at first: a directory is refused; a
 * regular file is read up to FSIM_INPUT_MAX_BYTES; anything else (a FIFO,
 * a terminal, a device, stdin as /dev/stdin) is read with the same bound
 * and gives up after FSIM_INPUT_TIMEOUT_MS in all. The bound is the key
 * sim.max-input-bytes; a key set inside the file would come too late, so
 * the command line gives it (-D, as Flink's CLI gives dynamic properties). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graphs/graphs-private.h"

static gboolean
io_fail (GError **error, const char *path, const char *problem, const char *hint)
{
  g_set_error (error, FSIM_GRAPHS_ERROR, FSIM_GRAPHS_ERROR_IO, _("%s: cannot read: %s%s%s"),
               path, problem, hint ? "; " : "", hint ? hint : "");
  return FALSE;
}

static gboolean
too_large (GError **error, const char *path, gsize max_bytes)
{
  g_autofree char *problem = NULL;
  if (max_bytes % (1024 * 1024) == 0)
    problem = g_strdup_printf (_("larger than %" PRIu64 " MiB, the most flinksim reads "
                                 "(sim.max-input-bytes)"), (guint64) max_bytes / (1024 * 1024));
  else
    problem = g_strdup_printf (_("larger than %" PRIu64 " bytes, the most flinksim reads "
                                 "(sim.max-input-bytes)"), (guint64) max_bytes);
  return io_fail (error, path, problem,
                  _("a job file is a few KiB and a Flink plan a few MiB; if this is the right "
                    "file, raise the bound with -D sim.max-input-bytes=BYTES"));
}

/* Reads fd until EOF, at most max_bytes + 1 (to notice more). A
 * non-blocking fd waits in poll for what remains of timeout_ms. */
static gboolean
read_all (int fd, const char *path, gboolean wait, gsize max_bytes, int timeout_ms,
          GByteArray *buf, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint8 chunk[65536];
  for (;;)
    {
      if (wait)
        {
          gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
          struct pollfd pfd = { .fd = fd, .events = POLLIN };
          int ready = left > 0 ? poll (&pfd, 1, (int) left) : 0;
          if (ready < 0 && errno == EINTR)
            continue;
          if (ready < 0)
            return io_fail (error, path, g_strerror (errno), NULL);
          if (ready == 0)
            {
              g_autofree char *problem = g_strdup_printf (
                _("no end of input within %d s (%u bytes read)"), timeout_ms / 1000
                ? timeout_ms / 1000 : 1, buf->len);
              return io_fail (error, path, problem,
                              _("a FIFO or device must deliver the whole file and close; "
                                "save it to a regular file first"));
            }
        }
      gsize want = MIN (sizeof chunk, max_bytes + 1 - buf->len);
      ssize_t n = read (fd, chunk, want);
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        continue;
      if (n < 0)
        return io_fail (error, path, g_strerror (errno), NULL);
      if (n == 0)
        return TRUE;
      g_byte_array_append (buf, chunk, (guint) n);
      if (buf->len > max_bytes)
        return too_large (error, path, max_bytes);
    }
}

char *
fsim_input_read (const char *path, gsize max_bytes, int timeout_ms, gsize *length,
                 GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_bytes < G_MAXUINT - 1, NULL);
  /* O_NONBLOCK: opening a FIFO without a writer returns at once */
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      io_fail (error, path, g_strerror (errno), NULL);
      return NULL;
    }
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      io_fail (error, path, g_strerror (errno), NULL);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      io_fail (error, path, _("it is a directory"),
               _("name a file: a .job file, a Flink plan JSON, a lesson, a lab's tokens"));
      close (fd);
      return NULL;
    }
  gboolean regular = S_ISREG (st.st_mode);
  if (regular && (guint64) st.st_size > max_bytes)
    {
      too_large (error, path, max_bytes);
      close (fd);
      return NULL;
    }
  g_autoptr (GByteArray) buf = g_byte_array_sized_new (regular ? (guint) st.st_size + 1 : 4096);
  gboolean ok = read_all (fd, path, !regular, max_bytes, timeout_ms, buf, error);
  close (fd);
  if (!ok)
    return NULL;
  *length = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buf), FALSE);
}
