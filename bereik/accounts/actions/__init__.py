"""The accounts' writes, by topic: users, teams and passwords (`users`), notifications and the
choices of how they reach people (`notifications`), the outbox of mails (`outbox`)."""

from bereik.accounts.actions.notifications import (
    digests_send,
    grouped_mails,
    notification_defaults_save,
    notification_mark_read,
    notification_settings_save,
    notification_unsubscribe,
    notifications_mark_read,
    notify,
)
from bereik.accounts.actions.outbox import (
    background_task_retry,
    mail_queue,
    mail_retry,
    mails_erase,
    mails_send_due,
    queue_only,
)
from bereik.accounts.actions.users import (
    team_create,
    team_set_members,
    team_update,
    user_change_password,
    user_create,
    user_send_password_reset,
    user_set_absent,
    user_set_password,
    user_update,
)

__all__ = [
    "background_task_retry",
    "digests_send",
    "grouped_mails",
    "mail_queue",
    "mail_retry",
    "mails_erase",
    "mails_send_due",
    "notification_defaults_save",
    "notification_mark_read",
    "notification_settings_save",
    "notification_unsubscribe",
    "notifications_mark_read",
    "notify",
    "queue_only",
    "team_create",
    "team_set_members",
    "team_update",
    "user_change_password",
    "user_create",
    "user_send_password_reset",
    "user_set_absent",
    "user_set_password",
    "user_update",
]
