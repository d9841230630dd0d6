import { OptionalIdListField, TextField } from '../http/fields';

export class NoticeReplyDto {
  @TextField('回复内容', 2000)
  content!: string;

  @OptionalIdListField('引用的佐证材料', 50)
  attachmentIds?: string[];
}
