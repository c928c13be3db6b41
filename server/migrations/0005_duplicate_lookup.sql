-- Finding a lead by phone or e-mail: the duplicate check a push runs for
-- every new lead. Phones are stored normalised (ASCII digits, optional
-- leading +) and e-mails lower-cased, so plain equality matches.
CREATE INDEX leads_phone ON leads (phone);
CREATE INDEX leads_email ON leads (email);
