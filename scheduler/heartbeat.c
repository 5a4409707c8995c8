/* heartbeat.c - heartbeats between the JobManager side and TaskManagers.
 *
 * The ResourceManager and the JobMaster each run a HeartbeatManagerSenderImpl:
 * right away and then every heartbeat.interval it requests a heartbeat from
 * every TaskManager it monitors; the TaskManager answers with its payload
 * (slot report / accumulators). A DefaultHeartbeatMonitor per target is
 * reset by every answer; if none arrives within heartbeat.timeout the
 * target is declared dead ("The heartbeat of TaskManager with id … timed
 * out."). Flink also gives up after heartbeat.rpc-failure-threshold failed
 * requests to a target that is known to be gone; flinksim waits for the
 * timeout only.
 *
 * Flink's sender keeps running with no target (a real process lives on);
 * a simulation must end, so a sender with nobody to monitor stops and the
 * next monitored target starts it again, on the same heartbeat.interval
 * grid, so a run's heartbeats fall where they would have fallen. Without
 * this, a lost last TaskManager left a tick every heartbeat.interval
 * writing nothing until sim.duration (issue 9). */
#include "config.h"

#include "scheduler/scheduler-private.h"

static gboolean
monitored (TaskManager *tm, gboolean rm)
{
  /* each heartbeat manager monitors the TaskManagers registered with it */
  return rm ? tm->rm_state == TM_RM_REGISTERED
            : tm->job_state == TM_JOB_REGISTERED || tm->job_state == TM_JOB_CONNECTED;
}

static void
tm_receives_request (FsimSim *sim, gpointer payload)
{
  HeartbeatRpc *rpc = payload;
  fsim_sched_taskmanager_heartbeat_request (rpc->c, rpc->tm, rpc->rm);
}

static void
sender_tick (FsimSim *sim, gpointer payload)
{
  HeartbeatRpc *tick = payload;
  FsimCluster *c = tick->c;
  gboolean rm = tick->rm;
  c->heartbeat_tick[rm] = FSIM_EVENT_NONE;
  if (c->shut_down || c->settings.heartbeat_interval_us > G_MAXINT64 - fsim_sim_now (sim))
    return;                     /* over, or the next tick is past the end of time */
  c->heartbeat_next[rm] = fsim_sim_now (sim) + c->settings.heartbeat_interval_us;
  gboolean anyone = FALSE;
  for (guint i = 0; i < c->taskmanagers->len; i++)
    {
      TaskManager *tm = g_ptr_array_index (c->taskmanagers, i);
      if (monitored (tm, rm))
        {
          anyone = TRUE;
          fsim_sched_cluster_rpc (c, tm_receives_request,
                                  fsim_sched_heartbeat_rpc_new (c, tm, rm), g_free);
        }
    }
  if (anyone)
    c->heartbeat_tick[rm] = fsim_sim_schedule_at (sim, c->heartbeat_next[rm],
                                                  FSIM_PRIORITY_DEFAULT, sender_tick,
                                                  fsim_sched_heartbeat_rpc_new (c, NULL, rm),
                                                  g_free);
}

void
fsim_sched_heartbeat_start (FsimCluster *c, gboolean rm)
{
  c->heartbeat_tick[rm] = fsim_sim_schedule_in (c->sim, 0, FSIM_PRIORITY_DEFAULT, sender_tick,
                                                fsim_sched_heartbeat_rpc_new (c, NULL, rm),
                                                g_free);
}

/* A stopped sender has a target again: its next tick is the first point of
 * its grid not in the past. */
static void
sender_resume (FsimCluster *c, gboolean rm)
{
  if (c->shut_down || fsim_sim_is_pending (c->sim, c->heartbeat_tick[rm]))
    return;
  gint64 now = fsim_sim_now (c->sim);
  gint64 interval = c->settings.heartbeat_interval_us;
  gint64 next = c->heartbeat_next[rm];
  if (next < now)
    {
      gint64 behind = (now - next + interval - 1) / interval;
      next = behind > (G_MAXINT64 - next) / interval ? G_MAXINT64 : next + behind * interval;
    }
  c->heartbeat_next[rm] = next;
  c->heartbeat_tick[rm] = fsim_sim_schedule_at (c->sim, next, FSIM_PRIORITY_DEFAULT,
                                                sender_tick,
                                                fsim_sched_heartbeat_rpc_new (c, NULL, rm),
                                                g_free);
}

static void
timed_out (FsimSim *sim, gpointer payload)
{
  HeartbeatRpc *rpc = payload;
  FsimCluster *c = rpc->c;
  TaskManager *tm = rpc->tm;
  gboolean rm = rpc->rm;
  if (rm)
    {
      tm->rm_timeout = FSIM_EVENT_NONE;
      fsim_sched_tm_rm_transition (tm, TM_RM_LOST);
      fsim_sched_resource_manager_taskmanager_lost (c, tm);
    }
  else
    {
      tm->jm_timeout = FSIM_EVENT_NONE;
      fsim_sched_tm_job_transition (tm, TM_JOB_NOT_CONNECTED);
    }
  g_autofree char *cause = g_strdup_printf (rm ? "The heartbeat of TaskManager with id %s "
                                            "timed out."
                                            : "Heartbeat of TaskManager with id %s timed out.",
                                            tm->name);
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_HEARTBEAT_TIMEOUT,
                                      rm ? "no heartbeat within heartbeat.timeout: "
                                           "ResourceManager.closeTaskManagerConnection drops "
                                           "the TaskManager and its slots"
                                         : "no heartbeat within heartbeat.timeout: "
                                           "JobMaster.disconnectTaskManager fails the tasks "
                                           "in its slots");
  r.taskmanager = tm->number;
  r.label = tm->name;
  r.detail = cause;
  fsim_sched_cluster_trace (c, &r);
  if (!rm)
    fsim_sched_slot_pool_taskmanager_lost (c, tm, cause);
}

void
fsim_sched_heartbeat_monitor_target (FsimCluster *c, TaskManager *tm, gboolean rm)
{
  FsimEventId *timeout = rm ? &tm->rm_timeout : &tm->jm_timeout;
  /* the registration (scheduler-private.h) is what makes it monitored */
  g_assert (monitored (tm, rm));
  fsim_sim_cancel (c->sim, *timeout);
  *timeout = fsim_sim_schedule_in (c->sim, c->settings.heartbeat_timeout_us,
                                   FSIM_PRIORITY_DEFAULT, timed_out,
                                   fsim_sched_heartbeat_rpc_new (c, tm, rm), g_free);
  sender_resume (c, rm);
}

void
fsim_sched_heartbeat_received (FsimCluster *c, TaskManager *tm, gboolean rm)
{
  if (!monitored (tm, rm) || c->shut_down)
    return;
  FsimTraceRecord r = fsim_sched_cluster_record (c, FSIM_SCHED_KIND_HEARTBEAT,
                                      "HeartbeatManagerSenderImpl requests a heartbeat every "
                                      "heartbeat.interval; the answer resets the "
                                      "heartbeat.timeout of the DefaultHeartbeatMonitor");
  r.taskmanager = tm->number;
  r.label = tm->name;
  r.detail = rm ? "answered the ResourceManager (slot report)"
                : "answered the JobMaster (accumulators)";
  fsim_sched_cluster_trace (c, &r);
  fsim_sched_heartbeat_monitor_target (c, tm, rm);
}
