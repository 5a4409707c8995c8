/* event-time-private.h - for the event-time files of scheduler/ only
 * (watermark-valve.c, watermark-generator.c, window-operator.c).
 *
 * Their whys are trace data, the same bytes in every locale (docs/i18n.md),
 * unless the owner of the object asked for the user's language (a lab
 * prints them to a learner): _() here looks at LOCALIZED, which each file
 * defines as the flag of the object in scope. */
#pragma once

#include <glib/gi18n.h>

static inline const char *fsim_event_time_text (gboolean localized, const char *msgid)
  G_GNUC_FORMAT (2);

static inline const char *
fsim_event_time_text (gboolean localized, const char *msgid)
{
  return localized ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
}

#undef _
#define _(s) fsim_event_time_text (LOCALIZED, s)
