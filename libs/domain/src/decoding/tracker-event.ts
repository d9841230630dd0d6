import { AccessEvent } from '../access/access.events';
import { AuditEvent } from '../audit/audit.events';
import { AlertEvent } from '../alerts/alert.events';
import { BulletinEvent } from '../bulletins/bulletin.decider';
import { CampaignEvent } from '../campaign/campaign.events';
import { DirectoryEvent } from '../directory/directory.events';
import { MeasureEvent } from '../measure/measure.events';
import { NoticeEvent } from '../notices/notice.events';

/** Every fact the tracker records, as the domain types it (docs/events.md is its catalogue). */
export type TrackerEvent =
  | CampaignEvent
  | MeasureEvent
  | AlertEvent
  | DirectoryEvent
  | BulletinEvent
  | AccessEvent
  | AuditEvent
  | NoticeEvent;
export type TrackerEventType = TrackerEvent['type'];
