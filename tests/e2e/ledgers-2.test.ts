// Every ledger end to end in the browser, group 2 of 3 (see ledger-suite.ts).
import { ledgerSuite } from './ledger-suite.ts';

ledgerSuite(1, 3);
