/** Usage text of every command (`clientguard help [COMMAND]`, `COMMAND --help`). */

export const USAGE = `Usage: clientguard COMMAND [OPTIONS]

Commands:
  scan FILE…            print the client data found in files (- reads standard input)
  clients hash INPUT    turn a client list (CSV/TSV) into a keyed-hash list file
  clients keygen        make a new random key for client lists
  policy check FILE…    validate policy files as the extension will
  policy default        print the embedded default policy
  log verify EXPORT…    check a JSON export of the log (hash chain) offline
  help [COMMAND]        show this text, or the usage of one command

Exit status: 0 success (scan: nothing found), 1 scan found something, a policy was
rejected or a log export is not intact, 2 error.
Run 'clientguard COMMAND --help' for the options of a command.
`;

export const SCAN_USAGE = `Usage: clientguard scan FILE… [--clients LIST --key-file KEY] [--json]

Prints the client data found in each FILE (- reads standard input; UTF-8 text).

Options:
  --clients LIST    also match the organisation's client list (a file made by
                    'clientguard clients hash'); needs --key-file
  --key-file KEY    the key the list was hashed with (hex)
  --json            print [{start, end, type, confidence, masked}] (plus "file" when
                    several files are scanned); start/end are JavaScript string indices
                    (UTF-16 code units) of the decoded text
  -h, --help        show this text

Text output: FILE:LINE:COLUMN<tab>TYPE<tab>CONFIDENCE<tab>MASKED, one finding a line.
Exit status: 0 nothing found, 1 something found, 2 error.
`;

export const CLIENTS_USAGE = `Usage: clientguard clients hash|keygen [OPTIONS]

  clients hash INPUT    turn a client list (CSV/TSV) into a keyed-hash list file
  clients keygen        make a new random key for client lists

Run 'clientguard clients hash --help' or 'clientguard clients keygen --help' for details.
`;

export const HASH_USAGE = `Usage: clientguard clients hash --key-file KEY [OPTIONS] INPUT.csv|INPUT.tsv|-

Reads the client list (company names, contact names, account numbers) from a CSV or TSV
file, or standard input (-), and writes a list file holding only keyed hashes of the
entries: distribute it with the policy; it cannot be turned back into the list without
the key. Every non-empty cell of the chosen columns is one entry. Statistics (counts
only, never an entry) go to standard error.

Options:
  --key-file KEY             the secret key, as hex (at least 32 hex digits; make one
                             with 'clientguard clients keygen'); # lines are comments
  --columns NAMES|NUMBERS    the columns to take, by header name or 1-based number,
                             comma-separated: --columns name,contact  --columns 1,3
                             (default: every column)
  --delimiter tab|comma      the field separator (default: from the file name, .csv or
                             .tsv, else from the first line)
  --header                   the first row is a header and is skipped (the default)
  --no-header                the first row is data
  --encoding NAME            the input's encoding, e.g. gbk (default: UTF-8, or UTF-16
                             when the file starts with a UTF-16 byte-order mark)
  --out FILE                 write the list file to FILE (default: standard output)
  -h, --help                 show this text

CSV follows RFC 4180: "quoted, fields" with "" for a quote and line breaks inside
quotes, CRLF or LF line ends, an optional byte-order mark. TSV is quoted the same way.
Exit status: 0 written, 2 error (unreadable input, bad key, no such column, no entries).
`;

export const KEYGEN_USAGE = `Usage: clientguard clients keygen [--out FILE]

Makes a new random 32-byte client-list key and prints it as hex, or writes it to FILE
(created with mode 600; an existing file is never replaced). Keep the key as closely
held as the client list: with the key, anyone holding a list file can test guesses.

Options:
  --out FILE    write the key to FILE instead of standard output
  -h, --help    show this text
`;

export const POLICY_USAGE = `Usage: clientguard policy check FILE…
       clientguard policy default

  policy check FILE…    validate each policy file (- reads standard input) exactly as the
                        extension validates a managed policy: the schema, host patterns,
                        keyword groups, admin patterns (linear-time subset) and the client
                        list with its key. A file may hold the policy itself or
                        {"policy": {...}} as in managed storage.
  policy default        print the embedded default policy (JSON), to start from

Exit status: 0 every policy is valid, 1 one was rejected (its problems are printed, each
naming the field), 2 a file could not be read or is not JSON.
`;

export const LOG_USAGE = `Usage: clientguard log verify EXPORT.json…

Checks JSON exports of the ClientGuard log (popup, Export JSON) offline: every event's
SHA-256 hash against its content, and the chain of hashes from one event to the next. A full
export must start at event 1 with no gap; an export made with a filter records it, and its
gaps are expected (each event and each unbroken link is still checked). - reads stdin.

Exit status: 0 every export is intact, 1 one is not (the problems are printed), 2 a file
could not be read or is not a ClientGuard export.
`;
