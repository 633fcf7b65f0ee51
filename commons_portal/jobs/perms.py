"""Who may ask for PDF syntheses. The business rules:

- people with a role (DRANE/DRASI staff, administrators, partner members) may ask for syntheses;
- territorial syntheses (RETEX synthesis, partner ecosystem) are made of published, public content: anyone
  who may ask for syntheses may get them, for any territory;
- documents about one object (a roadmap, a session) follow that object's own view rule, registered by
  its domain (`roadmaps.view_roadmap`, `retex.view_session`), checked on download as on request.
"""

import rules

from commons_portal import permissions as p

may_request_pdf = p.is_staff_member | p.is_partner

rules.add_perm("jobs.request_pdf", may_request_pdf)
rules.add_perm("jobs.view_territory_synthesis", may_request_pdf)
