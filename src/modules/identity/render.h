// identity's typed results as the API's JSON documents (docs/openapi.yaml): the one place the
// routes' field names are written down.
#pragma once

#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "model.h"

namespace reskflow::identity {

boost::json::object profile_document(const Profile& profile);
boost::json::array session_documents(const std::vector<SessionView>& sessions);
boost::json::object enrolment_document(const TotpEnrolment& enrolment);
boost::json::object created_user_document(const CreatedUser& user);
boost::json::array user_documents(const std::vector<UserSummary>& users);
boost::json::object new_api_key_document(const NewApiKey& key);
boost::json::array api_key_documents(const std::vector<ApiKeyView>& keys);
boost::json::array audit_documents(const std::vector<AuditView>& rows);
boost::json::array member_documents(const std::vector<MemberView>& members);
boost::json::array membership_documents(const std::vector<MerchantMember>& memberships);
boost::json::object invitation_document(const Invitation& invitation);
boost::json::array invitation_documents(const std::vector<Invitation>& invitations);
boost::json::object offer_document(const OwnershipOffer& offer);
// A new submission: its id, status and document type only.
boost::json::object submission_document(const IdVerificationView& view);
boost::json::object id_verification_document(const IdVerificationView& view);
boost::json::array id_queue_documents(const std::vector<IdQueueEntry>& entries);
boost::json::object export_document(const DataExport& data);

}  // namespace reskflow::identity
