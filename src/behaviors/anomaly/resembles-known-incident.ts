import { defineBehavior } from '../../catalog/define.ts';
import { INCIDENTS, INCIDENTS_UPDATED } from '../../catalog/lib/incidents.ts';
import { incidentOccurrences } from '../lib/incidents.ts';

export const resemblesKnownIncident = defineBehavior({
  id: 'resembles-known-incident',
  category: 'anomaly',
  ecosystems: ['pypi', 'npm'],
  title: 'Shows the indicators of a known supply-chain compromise.',
  description:
    'Compares the package with the public indicators of known compromises of npm and PyPI packages ' +
    `(${INCIDENTS.map((incident) => incident.name).join(', ')}): install-script shapes, file names, strings in ` +
    'install-time or import-time code and the hosts they contact. An incident is reported only when one of its ' +
    `indicator groups is complete (data/incident-indicators.json, ${INCIDENTS_UPDATED}, with the write-ups each ` +
    'indicator comes from). Each occurrence names its incident.',
  problem:
    'Attackers reuse what worked: the install script of ua-parser-js, the worm of Shai-Hulud, the miner of ' +
    'Rspack and Ultralytics. A package that carries the same combination of indicators is either a copy of the ' +
    'attack or the compromised release itself.',
  nextSteps: [
    'Read the write-up of the named incident and compare the package with it.',
    'Do not install the package; if it was installed, follow the incident’s own clean-up advice.',
  ],
  severity: 'high',
  references: {
    reversinglabs: INCIDENTS.map((incident) => incident.reversinglabs).sort(),
    mitreAttack: ['T1195.002'],
  },
  detect: (context) => incidentOccurrences(context),
});
