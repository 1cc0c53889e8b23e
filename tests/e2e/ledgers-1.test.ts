// Every ledger end to end in the browser, group 1 of 3 (see ledger-suite.ts).
import { ledgerSuite } from './ledger-suite.ts';

ledgerSuite(0, 3);
