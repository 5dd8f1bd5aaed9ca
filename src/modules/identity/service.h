// identity's services, built once over one shared Context: each focused on one area, each
// over its own repository functions. The module, the routes and the tests reach them here.
#pragma once

#include <memory>

#include "audit.h"
#include "context.h"
#include "mail.h"
#include "reskflow/modules/file_store.h"
#include "service_account.h"
#include "service_admin.h"
#include "service_api_keys.h"
#include "service_auth.h"
#include "service_id_images.h"
#include "service_id_verification.h"
#include "service_invitations.h"
#include "service_members.h"
#include "service_mfa.h"
#include "service_privacy.h"
#include "service_session.h"

namespace reskflow::identity {

struct Services {
  Services(store::Database& database, IdentitySettings settings, modules::Clock clock = {});
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  Context context;
  AuditLog audit{context};
  Mailer mail{context};
  SessionService sessions{context, audit};
  MfaService mfa{context, audit, sessions};
  AccountService accounts{context, audit, mail, sessions};
  AuthService auth{context, {audit, mail, sessions, accounts, mfa}};
  AdminService admin{context, audit, sessions, accounts};
  ApiKeyService api_keys{context, audit};
  MemberService members{context, audit};
  InvitationService invitations{context, audit, mail, members};
  // ID document images, encrypted, in a directory of their own (created on the first upload).
  std::unique_ptr<modules::FileStore> id_image_files =
      std::make_unique<modules::FilesystemFileStore>(context.settings().id_images_dir);
  IdImageService id_images{context, audit, *id_image_files};
  IdVerificationService id_verification{context, audit};
  PrivacyService privacy{context, {audit, sessions, accounts, members, id_images}};
};

inline Services::Services(store::Database& database, IdentitySettings settings,
                          modules::Clock clock)
    : context(database, std::move(settings), std::move(clock)) {}

}  // namespace reskflow::identity
