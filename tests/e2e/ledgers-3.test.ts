// Every ledger end to end in the browser, group 3 of 3 (see ledger-suite.ts).
import { ledgerSuite } from './ledger-suite.ts';

ledgerSuite(2, 3);
