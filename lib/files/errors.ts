/** Why an upload or a read of a file was refused; `message` is safe to show the uploader. */
export type FileRefusal =
  'type_not_allowed' | 'too_large' | 'offset_mismatch' | 'incomplete' | 'not_uploading' | 'integrity';

export class FileRefusedError extends Error {
  constructor(
    readonly reason: FileRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

export const MESSAGES: Record<FileRefusal, string> = {
  type_not_allowed:
    'This kind of file cannot be stored. Allowed: PDF, images, video (MP4, MOV, WebM), audio, Office documents, plain text and zip.',
  too_large: 'This file is larger than the size limit.',
  offset_mismatch: 'The upload is out of step with what the server has; resume it to continue.',
  incomplete: 'The upload is not complete yet.',
  not_uploading: 'This upload is finished or no longer exists.',
  integrity: 'This file failed its integrity check and cannot be served.',
};

export const refused = (reason: FileRefusal) => new FileRefusedError(reason, MESSAGES[reason]);
