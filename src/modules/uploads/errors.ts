import { AppError } from '../../server/errors.ts';

/** An upload refused for what it is or would become: 413 for size, 400 for anything else. */
export class UploadRejected extends AppError {
  constructor(status: 400 | 413, message: string) {
    super(status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message, 'file');
  }
}

/** Libraries' own messages (jszip, mammoth, exceljs) are English and say nothing to a user. */
export const corruptFile = (label: string) =>
  new UploadRejected(400, `文件已损坏或不是有效的 ${label} 文件，请用 Word/Excel/WPS 重新另存后再上传`);
