// A five-line order book for the batch-letters tests (handler and CLI), screened against the small
// full-columns list fixture: SO-1 (two lines, one case) and SO-4 can have letters; SO-2's end user is a
// review candidate; SO-3's is on the Denied Persons List (PROHIBITED).
export const LETTERS_BOOK = `reference,date,destination,endUser.name,endUser.headquarters,partNumber,quantity
SO-1,2026-06-02,DE,Rheinwerk Cloud GmbH,DE,nvidia-h100-sxm,8
SO-1,2026-06-02,DE,Rheinwerk Cloud GmbH,DE,amd-mi300x,2
SO-2,2026-06-02,SG,ExaCompute Technology Pte,SG,nvidia-h100-sxm,8
SO-3,2026-06-02,DE,Example Denied Trading LLC,US,nvidia-h100-sxm,8
SO-4,2026-06-02,JP,Tokyo Inference KK,JP,nvidia-h20,4
`;
