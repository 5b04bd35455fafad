import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import {
  type AttachmentMetadata,
  type AttachmentView,
  attachmentMetadata,
  type InvalidParam,
} from '@samenspel/contracts';
import { fileTypeStream } from 'file-type';
import type { AttachmentsConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import type { Keys } from '../../shared/crypto.js';
import { decryptFromFile, encryptToFile } from '../../shared/encrypted-files.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { Access } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import { organisationsIn } from '../organisations/index.js';
import * as repo from './cases.repository.js';

const activity = 'samenspel.cases';

/** What may be attached: documents and images whose bytes say what their name claims. */
const allowed: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
};
// Re-check access while a download runs, so removing a participant ends its download too.
const RECHECK_EVERY_BYTES = 256 * 1024;

function presentAttachment(a: Omit<AttachmentView, 'uploadedAt'> & { uploadedAt: Date }): AttachmentView {
  return {
    id: a.id,
    title: a.title,
    documentType: a.documentType,
    classification: a.classification,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    organisation: a.organisation,
    provisionId: a.provisionId,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

/** The problems with an upload's description (the form fields sent before the file), in Dutch. */
function metadataProblems(fields: Readonly<Record<string, string>>): {
  metadata: AttachmentMetadata | null;
  problems: InvalidParam[];
} {
  const parsed = attachmentMetadata.safeParse({
    ...fields,
    ...(fields.provisionId ? {} : { provisionId: undefined }),
  });
  if (parsed.success) return { metadata: parsed.data, problems: [] };
  return {
    metadata: null,
    problems: parsed.error.issues.map((issue) => ({
      name: issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.'),
      in: 'body',
      code: issue.code,
      reason: issue.code === 'unrecognized_keys' ? 'Dit veld is onbekend.' : issue.message,
    })),
  };
}

/**
 * The stream with its first chunk read, or null when it ends without one (an empty file).
 * The chunk is put back in front, so the stream reads as it came.
 */
function withFirstChunk(stream: Readable): Promise<Readable | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('readable', readable);
      stream.off('end', ended);
      stream.off('error', failed);
    };
    const readable = () => {
      const chunk: Buffer | null = stream.read();
      if (chunk === null) return;
      done();
      stream.unshift(chunk);
      resolve(stream);
    };
    const ended = () => {
      done();
      resolve(null);
    };
    const failed = (error: Error) => {
      done();
      reject(error);
    };
    stream.on('readable', readable);
    stream.on('end', ended);
    stream.on('error', failed);
  });
}

function tooLarge(max: number): AppError {
  return new AppError({
    code: 'attachment.too_large',
    status: 413,
    title: 'Bestand te groot',
    detail: `Een bijlage is hoogstens ${Math.round(max / 1024 / 1024)} MB.`,
  });
}

/** Attachments of a case: encrypted at rest, streamed both ways, only for participants, logged. */
export class AttachmentsService {
  private readonly db: Db;
  private readonly access: Access;
  private readonly audit: AuditService;
  private readonly keys: Keys;
  private readonly config: AttachmentsConfig;
  private readonly now: () => Date;

  constructor(deps: ServiceDeps & { keys: Keys; config: AttachmentsConfig }) {
    this.db = deps.db;
    this.access = deps.access;
    this.audit = deps.audit;
    this.keys = deps.keys;
    this.config = deps.config;
    this.now = deps.now;
  }

  async list(context: RequestContext, caseId: string): Promise<AttachmentView[]> {
    return this.audit.run(context, { action: 'case.attachment-list', activity }, async (trx) => {
      await this.access.requireAccess(trx, context.actor, 'case.read', [caseId]);
      return (await repo.attachmentsOf(trx, caseId)).map((r) =>
        presentAttachment({ ...r, organisation: { id: r.organisationId, name: r.organisationName } }),
      );
    });
  }

  /**
   * Checks access, the description and the file's claimed type, streams the upload through type
   * detection and a size limit into an encrypted file, then records it. Every problem with the
   * description and the file is answered at once; a refused or failed upload leaves no file and
   * no row.
   */
  async upload(
    context: RequestContext,
    caseId: string,
    file: {
      fileName: string;
      declaredType: string;
      stream: Readable;
      /** The form fields sent before the file: title, documentType, classification, provisionId. */
      fields: Readonly<Record<string, string>>;
    },
  ): Promise<AttachmentView> {
    // Checked before a byte is stored; a refusal is logged like any other, the success once below.
    const refuse = async (stream: Readable, error: AppError): Promise<never> => {
      stream.resume();
      await this.audit
        .run(context, { action: 'case.attachment-upload', activity }, async () => {
          throw error;
        })
        .catch(() => undefined);
      throw error;
    };
    try {
      await this.access.requireAccess(this.db, context.actor, 'case.contribute', [caseId]);
    } catch (error) {
      if (error instanceof AppError) return refuse(file.stream, error);
      throw error;
    }
    const { metadata, problems } = metadataProblems(file.fields);
    const fileProblem = (code: string, reason: string): InvalidParam => ({
      name: 'file',
      in: 'body',
      code,
      reason,
    });
    const refuseAll = (stream: Readable, more: InvalidParam[] = []) =>
      refuse(stream, invalid([...problems, ...more]));
    if (!file.fileName) return refuseAll(file.stream, [fileProblem('required', 'Kies een bestand.')]);
    if (!allowed[file.declaredType])
      return refuseAll(file.stream, [
        fileProblem('type_not_allowed', 'Alleen PDF, PNG, JPEG, DOCX, XLSX of ODT.'),
      ]);
    // Type detection waits for bytes that an empty file never sends: look first.
    const stream = await withFirstChunk(file.stream);
    if (!stream) return refuseAll(file.stream, [fileProblem('empty', 'Dit bestand is leeg.')]);
    const typed = await fileTypeStream(stream);
    if (typed.fileType?.mime !== file.declaredType)
      return refuseAll(typed, [
        fileProblem('type_mismatch', 'De inhoud van het bestand past niet bij het bestandstype.'),
      ]);
    if (!metadata) return refuseAll(typed);
    await mkdir(this.config.dir, { recursive: true });
    const storageName = `${randomUUID()}.bin`;
    const target = path.join(this.config.dir, storageName);
    let seen = 0;
    const limit = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        seen += chunk.length;
        done(seen > this.config.maxBytes ? tooLarge(this.config.maxBytes) : null, chunk);
      },
    });
    const size = await encryptToFile(typed.pipe(limit), target, this.keys.attachments);
    try {
      return await this.audit.run(context, { action: 'case.attachment-upload', activity }, async (trx) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'case.contribute', [caseId]);
        if (metadata.provisionId) {
          const provision = await repo.provisionOf(trx, caseId, metadata.provisionId);
          if (!provision)
            throw invalid([
              {
                name: 'provisionId',
                in: 'body',
                code: 'unknown_provision',
                reason: 'Deze verstrekking hoort niet bij de casus.',
              },
            ]);
        }
        const uploadedAt = this.now();
        const attachment = {
          caseId,
          collaborationId: await repo.collaborationOfCase(trx, caseId),
          provisionId: metadata.provisionId ?? null,
          organisationId: actor.organisationId,
          title: metadata.title,
          documentType: metadata.documentType,
          classification: metadata.classification,
          fileName: file.fileName.slice(0, 255),
          contentType: file.declaredType,
          sizeBytes: size,
          storageName,
          uploadedBy: userOf(actor),
          uploadedAt,
        };
        const id = await repo.insertAttachment(trx, attachment);
        const [organisation] = await organisationsIn(trx, actor.regionId, [actor.organisationId]);
        return presentAttachment({
          ...attachment,
          id,
          organisation: { id: actor.organisationId, name: organisation?.name ?? '' },
        });
      });
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
  }

  /** The download is logged before a byte leaves, and stops when access ends while it runs. */
  async download(
    context: RequestContext,
    caseId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; contentType: string; sizeBytes: number; stream: Readable }> {
    const meta = await this.audit.run(
      context,
      { action: 'case.attachment-download', activity },
      async (trx) => {
        await this.access.requireAccess(trx, context.actor, 'case.read', [caseId]);
        const row = await repo.findAttachment(trx, caseId, attachmentId);
        if (!row) throw notFound();
        return row;
      },
    );
    const plain = await decryptFromFile(path.join(this.config.dir, meta.storageName), this.keys.attachments);
    let sinceCheck = 0;
    const guard = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        sinceCheck += chunk.length;
        if (sinceCheck < RECHECK_EVERY_BYTES) return done(null, chunk);
        sinceCheck = 0;
        this.access
          .requireAccess(this.db, context.actor, 'case.read', [caseId])
          .then(() => done(null, chunk))
          .catch(() => done(new Error('access to the case ended during the download')));
      },
    });
    plain.on('error', (e) => guard.destroy(e));
    return {
      fileName: meta.fileName,
      contentType: meta.contentType,
      sizeBytes: meta.sizeBytes,
      stream: plain.pipe(guard),
    };
  }
}
