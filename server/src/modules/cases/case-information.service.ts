import type {
  CaseSubjectRequest,
  CommunicationRequest,
  InvalidParam,
  ProvisionRequest,
} from '@samenspel/contracts';
import type { RequestContext } from '../../shared/context.js';
import { invalid } from '../../shared/errors.js';
import { userOf } from '../../shared/service.js';
import { isLegalBasisOf } from '../collaborations/index.js';
import { signalSubjectsByIds } from '../signals/index.js';
import { addCaseSubjects } from './case-subjects.js';
import * as repo from './cases.repository.js';
import type { CaseStep, CasesService } from './cases.service.js';

/**
 * What partners bring into a case: its subjects (registered in the subject register with their
 * provenance), information provided under a legal basis, and communication. Each a step on the
 * case, through the cases service.
 */
export class CaseInformationService {
  constructor(private readonly deps: { cases: CasesService }) {}

  /** Adds subjects to the case in the caller's step and registers each, with the actor as provenance. */
  addSubjects(
    step: CaseStep,
    subjects: Parameters<typeof addCaseSubjects>[2],
    source: 'case' | 'import' = 'case',
  ): Promise<Array<{ subjectId: string; linked: boolean }>> {
    return addCaseSubjects(
      step.trx,
      {
        caseId: step.row.id,
        regionId: step.actor.regionId,
        collaborationId: step.row.collaborationId,
        organisationId: step.actor.organisationId,
        at: step.at,
      },
      subjects,
      source,
    );
  }

  addSubject(context: RequestContext, id: string, request: CaseSubjectRequest) {
    const { role, signalSubjectId } = request;
    return this.deps.cases.change(context, id, 'case.subject-add', 'case.manage', async (step) => {
      let data = request.subject;
      if (signalSubjectId) {
        const [found] = await signalSubjectsByIds(step.trx, [signalSubjectId]);
        const ofCase = (await repo.signalsOfCases(step.trx, [id])).get(id) ?? [];
        if (!found || !ofCase.includes(found.signalId))
          throw invalid([
            {
              name: 'signalSubjectId',
              in: 'body',
              code: 'unknown_subject',
              reason: 'Deze betrokkene hoort niet bij de signalen van de casus.',
            },
          ]);
        data = found.data;
      }
      if (!data)
        throw invalid([
          {
            name: 'subject',
            in: 'body',
            code: 'required',
            reason: 'Kies een betrokkene uit een signaal of vul er een in.',
          },
        ]);
      await this.addSubjects(step, [{ data, role, signalSubjectId: signalSubjectId ?? null }]);
      step.record.subjectData(data, 'case.subject.write');
    });
  }

  addProvision(context: RequestContext, id: string, p: ProvisionRequest) {
    return this.deps.cases.change(context, id, 'case.provision-add', 'case.contribute', async (step) => {
      const { trx, actor, at } = step;
      await step.participating(actor.organisationId, 'organisation');
      const providedOn = p.providedOn ?? step.today;
      const problems: InvalidParam[] = step.dateProblems('providedOn', providedOn);
      if (!(await isLegalBasisOf(trx, step.row.collaborationId, p.legalBasisId)))
        problems.push({
          name: 'legalBasisId',
          in: 'body',
          code: 'unknown_basis',
          reason: 'Kies een grondslag van de samenwerking.',
        });
      const subject = p.subjectId ? await repo.subjectOf(trx, id, p.subjectId) : undefined;
      if (p.subjectId && !subject)
        problems.push({
          name: 'subjectId',
          in: 'body',
          code: 'unknown_subject',
          reason: 'Deze betrokkene hoort niet bij de casus.',
        });
      if (problems.length) throw invalid(problems);
      await repo.insertProvision(trx, {
        caseId: id,
        collaborationId: step.row.collaborationId,
        organisationId: actor.organisationId,
        subjectId: p.subjectId ?? null,
        providedOn,
        legalBasisId: p.legalBasisId,
        classification: p.classification,
        title: p.title,
        body: p.body,
        createdBy: userOf(actor),
        createdAt: at,
      });
      if (subject) step.record.subjectData(subject.data, 'case.provision.write');
    });
  }

  addCommunication(context: RequestContext, id: string, c: CommunicationRequest) {
    return this.deps.cases.change(context, id, 'case.communication-add', 'case.manage', async (step) => {
      const onDate = c.onDate ?? step.today;
      const problems = step.dateProblems('onDate', onDate);
      if (problems.length) throw invalid(problems);
      await repo.insertCommunication(step.trx, { ...c, caseId: id, onDate });
    });
  }
}
