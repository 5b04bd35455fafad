import { createHash } from 'node:crypto';
import type {
  AddressRegisterLoaded,
  AddressRegisterState,
  InvalidParam,
  Permission,
} from '@samenspel/contracts';
import type { RequestContext } from '../../shared/context.js';
import { invalid } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { displayNames } from '../users/index.js';
import {
  type AddressRegisterFormat,
  normaliseAddition,
  normaliseHouseLetter,
  normaliseHouseNumber,
  normalisePostcode,
  type ParsedAddressRegister,
  parseAddressRegister,
  type RowProblem,
} from './address-register.js';
import * as repo from './address-register.repository.js';

/** Administrators replace the register and see its loads. */
const MANAGE: Permission = 'address-register.manage';
/** The register serves the places' work: loads and lookups are logged under its activity. */
const activity = 'samenspel.locations';

/** An address to look up; spaces and lower case in the postcode, letter and addition are fine. */
export interface AddressQuery {
  postcode: string;
  houseNumber: number | string;
  houseLetter?: string | null | undefined;
  addition?: string | null | undefined;
}

/** An address of the register with its point (WGS84). */
export interface Address {
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  addition: string | null;
  street: string;
  place: string;
  municipalityCode: string | null;
  bagId: string | null;
  latitude: number;
  longitude: number;
}

/** Where a row is, in words: a line of a CSV file or a feature of a GeoPackage. */
function placeOf(format: AddressRegisterFormat, line: number): { name: string; words: string } {
  return format === 'gpkg'
    ? { name: `feature.${line}`, words: `Object ${line}` }
    : { name: `line.${line}`, words: `Regel ${line}` };
}

/** Every problem of every refused row, as the problem's `invalidParams`. */
export function rowProblems(format: AddressRegisterFormat, rejected: readonly RowProblem[]): InvalidParam[] {
  return rejected.flatMap((row) => {
    const where = placeOf(format, row.line);
    return [row, ...row.further].map((problem) => ({
      name: `${where.name}.${problem.column}`,
      in: 'body' as const,
      code: problem.code,
      reason: `${where.words}, kolom ${problem.column}: ${problem.message}`,
    }));
  });
}

/**
 * The address register: an extract of the BAG that gives an address its point on the map. An
 * administrator replaces it whole, or not at all: a file with one refused row changes nothing
 * and the answer lists every refused row. It holds no personal data: the log records who loaded
 * or looked up, never an address.
 */
export class AddressRegisterService {
  constructor(private readonly deps: ServiceDeps) {}

  async load(context: RequestContext, file: Buffer, fileName: string): Promise<AddressRegisterLoaded> {
    const { audit, access, now } = this.deps;
    const fileHash = createHash('sha256').update(file).digest('hex');
    let parsed: ParsedAddressRegister | undefined;
    return audit.run(context, { action: 'address-register.load', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, MANAGE);
      // Once, even when the log's chain makes the work run again.
      parsed ??= await parseAddressRegister(file, fileName);
      const { format, rows, rejected, total } = parsed;
      if (total === 0)
        throw invalid(
          [
            {
              name: 'file',
              in: 'body',
              code: 'address.file_no_rows',
              reason: 'Het bestand bevat geen adressen. Een leeg register zou alle adressen wissen.',
            },
          ],
          'Het adresregister is niet gewijzigd.',
        );
      if (rejected.length)
        throw invalid(
          rowProblems(format, rejected),
          `Het adresregister is niet gewijzigd: ${rejected.length} van de ${total} ${format === 'gpkg' ? 'objecten' : 'regels'} ${rejected.length === 1 ? 'is' : 'zijn'} afgewezen. Verbeter ze en laad het hele bestand opnieuw.`,
        );
      const loadedAt = now();
      const loadId = await repo.replaceAddressRegister(
        trx,
        {
          regionId: actor.regionId,
          fileName,
          fileHash,
          format,
          rows: total,
          accepted: rows.length,
          rejected: 0,
          loadedAt,
          loadedBy: userOf(actor),
        },
        rows,
      );
      return {
        loadId,
        fileName,
        fileHash,
        format,
        rows: total,
        accepted: rows.length,
        rejected: 0,
        loadedAt: loadedAt.toISOString(),
      };
    });
  }

  /**
   * The address with its point, or null when the register does not have it. The register holds
   * no personal data, but which address someone looked for may concern a person: the lookup is
   * logged as the user's action (without the address).
   */
  async lookup(context: RequestContext, address: AddressQuery): Promise<Address | null> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'address-register.lookup', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'reference.read');
      const row = await repo.lookupAddress(trx, actor.regionId, normaliseQuery(address));
      if (!row) return null;
      return {
        postcode: row.postcode,
        houseNumber: row.houseNumber,
        houseLetter: row.houseLetter || null,
        addition: row.houseNumberAddition || null,
        street: row.street,
        place: row.place,
        municipalityCode: row.municipalityCode,
        bagId: row.bagId,
        latitude: row.latitude,
        longitude: row.longitude,
      };
    });
  }

  /** The last load and the register's size, for the administrator; null before the first load. */
  async status(context: RequestContext): Promise<AddressRegisterState | null> {
    const { db, access } = this.deps;
    const actor = await access.requireAccess(db, context.actor, MANAGE);
    const { lastLoad, addresses } = await repo.addressRegisterStatus(db, actor.regionId);
    if (!lastLoad) return null;
    const names = await displayNames(db, [lastLoad.loadedBy]);
    return {
      lastLoad: {
        ...lastLoad,
        loadedAt: lastLoad.loadedAt.toISOString(),
        loadedByName: (lastLoad.loadedBy && names.get(lastLoad.loadedBy)) || null,
      },
      addresses,
    };
  }
}

/** The register's key of an address as someone typed it, or every problem with it. */
function normaliseQuery(address: AddressQuery): {
  postcode: string;
  houseNumber: number;
  houseLetter: string;
  addition: string;
} {
  const postcode = normalisePostcode(address.postcode);
  const houseNumber = normaliseHouseNumber(String(address.houseNumber));
  const houseLetter = normaliseHouseLetter(address.houseLetter ?? '');
  const addition = normaliseAddition(address.addition ?? '');
  if (postcode && houseNumber !== null && houseLetter !== null && addition !== null)
    return { postcode, houseNumber, houseLetter, addition };
  const problems: InvalidParam[] = [];
  const wrong = (name: string, code: string, reason: string) =>
    problems.push({ name, in: 'query', code, reason });
  if (!postcode)
    wrong(
      'postcode',
      'address.postcode_invalid',
      'Vul een postcode in van vier cijfers en twee letters, bijvoorbeeld 1234 AB.',
    );
  if (houseNumber === null)
    wrong('houseNumber', 'address.house_number_invalid', 'Vul een huisnummer in van 1 tot en met 99999.');
  if (houseLetter === null)
    wrong('houseLetter', 'address.house_letter_invalid', 'Een huisletter is één letter, A tot en met Z.');
  if (addition === null)
    wrong('addition', 'address.addition_invalid', 'Een toevoeging is hoogstens vier letters of cijfers.');
  throw invalid(problems);
}
