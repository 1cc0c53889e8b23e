// What an edit form does when saving fails: say why; when someone else changed the record meanwhile
// (409 STALE_VERSION), close the form so the list shows their version; when the server names a field,
// mark that field.
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, errorMessage } from '../api';

export async function reportSaveError(
  e: unknown,
  opts: { message: MessageInstance; form: FormInstance; onStale: () => unknown },
): Promise<void> {
  opts.message.error(errorMessage(e));
  if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') await opts.onStale();
  else if (e instanceof ApiError && e.field && e.field !== 'version')
    opts.form.setFields([{ name: e.field, errors: [e.message] }]);
}
