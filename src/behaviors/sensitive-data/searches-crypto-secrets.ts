import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\[13\]\[a-km-zA-HJ-NP-Z1-9\]|\[a-km-zA-HJ-NP-Z1-9\]\{2[56],3[349]\}|bc1\[(?:a-z0-9|ac-hj-np-z02-9|qpzry9x8gf2tvdw0s3jn54khce6mua7l)\]|0x\[a-fA-F0-9\]\{40\}|0x\[0-9a-fA-F\]\{40\}|\[48\]\[0-9AB\]\[1-9A-HJ-NP-Za-km-z\]|\bT\[A-Za-z1-9\]\{33\}|\b(?:seed|mnemonic|recovery|secret recovery)[ _-]?phrase\b|\bwallet[ _-]?seed\b|\bprivate[ _-]?key[ _-]?(?:hex|wif)\b/i;

export const searchesCryptoSecrets = defineBehavior({
  id: 'searches-crypto-secrets',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Searches for cryptocurrency addresses, seed phrases or wallet keys.',
  description:
    'Finds regular expressions in code strings that match Bitcoin (base58 and bech32), Ethereum, Monero and Tron addresses, the words seed phrase, mnemonic phrase, recovery phrase and wallet seed, and WIF or hex private-key names.',
  problem:
    "Clipboard hijackers swap a copied wallet address for the attacker's, and stealers grep files for seed phrases that unlock a wallet on any device. Wallet libraries validate addresses the same way, so this is a lead to read, not a verdict.",
  nextSteps: [
    'Find what the code does with a match: replacing the clipboard or sending it out is theft.',
    'Check whether the package is a wallet or blockchain library that documents the use.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16128'], mitreAttack: ['T1552.001', 'T1115'] },
  detect: (context) =>
    detectStrings(context, [
      { pattern: PATTERN, note: 'searches for cryptocurrency addresses or seed phrases' },
    ]),
});
