import type { IndicatorDefinition, IndicatorId } from '@samenspel/contracts';

/**
 * The named indicators a goal's result is computed with. The Dutch definition is what the
 * programme page links to, and docs/programmes.md carries the same text (a test compares them).
 * "In the scope" means: of the region, or with a municipality in the goal's district, base team
 * or municipality; "in the period" means on a date from the goal's first to its last day.
 */
export const indicators: Readonly<Record<IndicatorId, IndicatorDefinition>> = Object.fromEntries(
  (
    [
      [
        'cases.handled',
        'Casussen behandeld',
        'Integrale casussen die op enig moment in de periode openstonden (een van hun open perioden overlapt de periode). Bereik: de casus valt in het district, of een van zijn gemeenten in het basisteam of de gemeente. Dezelfde definitie als de verantwoordingstabel.',
      ],
      ['cases.new', 'Nieuwe casussen', 'Behandelde casussen die in de periode zijn gestart.'],
      [
        'cases.closed',
        'Afgesloten casussen',
        'Behandelde casussen die in de periode zijn afgesloten; een casus die gesloten, heropend en weer gesloten is telt één keer, en gesloten en op dezelfde dag heropend is niet gesloten.',
      ],
      [
        'loo.held',
        'Lokale ondermijningsoverleggen gehouden',
        'Gemeenten in het bereik waarvan in de periode ten minste één lokaal ondermijningsoverleg (LOO) is gehouden.',
      ],
      [
        'loo.structural',
        'Lokale ondermijningsoverleggen, structureel',
        'Gemeenten in het bereik met een lokaal ondermijningsoverleg in elk kwartaal dat in de periode valt.',
      ],
      [
        'loo.building',
        'Lokale ondermijningsoverleggen in opbouw',
        'Gemeenten in het bereik met in de periode wel een lokaal ondermijningsoverleg, maar niet in elk kwartaal.',
      ],
      [
        'inspections.held',
        'Controles gehouden',
        'Controles die in de periode zijn gehouden in een gemeente in het bereik (geannuleerde en alleen geplande tellen niet).',
      ],
      [
        'inspections.integral',
        'Integrale controles',
        'Gehouden controles in het bereik en de periode die als integraal zijn vastgelegd (meerdere partners met ieder hun bevoegdheid).',
      ],
      [
        'inspections.other',
        'Overige controles',
        'Gehouden controles in het bereik en de periode die niet integraal zijn.',
      ],
      [
        'locations.flagged',
        'Risicolocaties gesignaleerd',
        'Risicolocaties in een gemeente in het bereik die in de periode voor het eerst zijn gesignaleerd (de nulmeting telt niet mee).',
      ],
      [
        'locations.looked-into',
        'Risicolocaties in beeld gebracht',
        'Risicolocaties in het bereik waarvan de stap "in beeld" in de periode is gezet.',
      ],
      [
        'locations.addressed',
        'Risicolocaties aangepakt',
        'Risicolocaties in het bereik waarvan de stap "aangepakt" in de periode is gezet.',
      ],
      [
        'maps.opportunity',
        'Gelegenheidskaarten opgesteld',
        'Gelegenheidskaarten van een gemeente in het bereik, opgesteld in de periode.',
      ],
      [
        'maps.risk',
        'Risicokaarten opgesteld',
        'Risicokaarten opgesteld in de periode, van een basisteam met een gemeente in het bereik of van een gemeente in het bereik.',
      ],
      [
        'fiu.signals',
        'Nieuwe FIU-signalen',
        'Signalen met bron FIU-Nederland die in de periode zijn ontvangen, over een gemeente in het bereik.',
      ],
      [
        'fiu.criminal',
        'Strafrechtelijke onderzoeken uit FIU-signalen',
        'FIU-signalen van de periode die uiterlijk op de laatste dag zijn doorgezet naar politie, Openbaar Ministerie of FIOD voor strafrechtelijk onderzoek.',
      ],
      [
        'fiu.cases',
        'RIEC-casussen uit FIU-signalen',
        'Casussen die in de periode zijn gestart uit een FIU-signaal van de periode.',
      ],
      [
        'fiu.fiscal',
        'Fiscale interventies uit FIU-signalen',
        'FIU-signalen van de periode die uiterlijk op de laatste dag zijn doorgezet naar de Belastingdienst of Toeslagen voor een fiscale interventie.',
      ],
      [
        'advices.given',
        'Interventieadviezen gegeven',
        'Adviezen (van de gekozen soort, of alle) gegeven in de periode in casussen in het bereik; dezelfde telling als de verantwoordingstabel.',
      ],
      [
        'interventions.carried-out',
        'Interventies uitgevoerd',
        'Interventies (van de gekozen soort, of alle) uitgevoerd in de periode in casussen in het bereik.',
      ],
      [
        'confiscation.imposed',
        'Afpakbedragen opgelegd',
        'Afpakbedragen (in euro) opgelegd in de periode in casussen in het bereik; dezelfde telling als de verantwoordingstabel.',
      ],
      [
        'confiscation.collected',
        'Afpakbedragen geïnd of verrekend',
        'Van de in de periode opgelegde afpakbedragen het deel dat uiterlijk op de laatste dag is geïnd of verrekend (in euro).',
      ],
      [
        'activities.count',
        'Activiteiten',
        'Activiteiten (van de gekozen soort, of alle) gehouden in de periode, in een gemeente in het bereik of, voor de regio, ook zonder gemeente.',
      ],
      [
        'activities.municipalities',
        'Gemeenten bereikt met activiteiten',
        'Verschillende gemeenten in het bereik waarin in de periode een activiteit (van de gekozen soort) is gehouden.',
      ],
      [
        'activities.participants',
        'Deelnemers aan activiteiten',
        'Het totaal aantal deelnemers aan de activiteiten (van de gekozen soort) van de periode in het bereik.',
      ],
      [
        'activities.participants-average',
        'Gemiddeld aantal deelnemers per activiteit',
        'Het aantal deelnemers gedeeld door het aantal activiteiten met een aantal deelnemers (van de gekozen soort), afgerond op een geheel getal.',
      ],
      [
        'activities.pupils',
        'Leerlingen bereikt',
        'Het totaal aantal leerlingen van de activiteiten (van de gekozen soort) van de periode in het bereik.',
      ],
      [
        'activities.dossiers',
        'Dossiers ondersteund',
        'Het totaal aantal dossiers van de activiteiten (van de gekozen soort) van de periode in het bereik.',
      ],
      [
        'activities.reach',
        'Bereik van activiteiten',
        'Het totaal bereik (mensen bereikt, bijvoorbeeld met een campagne) van de activiteiten (van de gekozen soort) van de periode in het bereik.',
      ],
    ] as const
  ).map(([id, name, definition]) => [
    id,
    {
      id,
      name,
      definition,
      unit: id.startsWith('confiscation.') ? 'euro' : 'count',
      option: id.startsWith('activities.')
        ? 'activity-kind'
        : id === 'advices.given' || id === 'interventions.carried-out'
          ? 'intervention-kind'
          : 'none',
    },
  ]),
) as Record<IndicatorId, IndicatorDefinition>;
