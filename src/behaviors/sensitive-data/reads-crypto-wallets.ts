import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const WALLET_STORES =
  /\bwallet\.dat$|Exodus[/\\]+exodus\.wallet|[/\\]Exodus[/\\]?$|Electrum[/\\]+wallets|Ethereum[/\\]+keystore|atomic[/\\]+Local Storage|Coinomi[/\\]+Coinomi[/\\]+wallets|Armory[/\\]|Bytecoin[/\\]|com\.liberty\.jaxx|Guarda[/\\]+Local Storage|Zcash[/\\]|Monero[/\\]+wallets|nkbihfbeogaeaoehlefnkodbefgpgknn|ibnejdfjmmkpcnlpebklmnkoeoihofec|fhbohimaelbohpjbbldcngcnapndodjp|bfnaelmomeimhlpmgjnjophhpkkoljpa|hnfanknocfeofbddgcijnmhnfnkdnaad/i;

export const readsCryptoWallets = defineBehavior({
  id: 'reads-crypto-wallets',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into cryptocurrency wallet files.',
  description:
    'Finds paths of desktop wallets (wallet.dat, Exodus, Electrum, Atomic, Coinomi, Armory, Jaxx, Guarda, ' +
    'Ethereum keystores, Monero, Zcash) and the extension ids of browser wallets (MetaMask, TronLink, Binance, ' +
    'Phantom, Coinbase) in code strings.',
  problem:
    'Wallet files and extension storage hold the keys to the funds: whoever copies them can empty the wallet, ' +
    'irreversibly. Wallet stealers carry long lists of these paths.',
  nextSteps: [
    'Do not install the package; if it ran, move funds to a new wallet created on a clean machine.',
    'Report the package to the registry.',
  ],
  severity: 'high',
  references: { mitreAttack: ['T1005', 'T1552.001'], guarddog: ['exfiltrate-sensitive-data'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: WALLET_STORES, note: 'names a cryptocurrency wallet store' }]),
});
