// Known-answer tests of Keccak-256, RLP, the ABI encoding and EIP-1559 signing, and the Merkle
// tree's proofs; the EIP-1559 fees offered and raised under a cap. Sources are named per test;
// vectors marked "ethers 6.17" were computed with ethers (npm) when the test was written, with the
// inputs shown here.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/eth/bytes.h"
#include "reskflow/chain/eth/fees.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/chain/eth/rlp.h"
#include "reskflow/chain/eth/signer.h"

namespace reskflow::chain::eth {
namespace {

Bytes text(std::string_view s) { return {s.begin(), s.end()}; }
Word repeated(std::uint8_t b) {
  Word w{};
  w.fill(b);
  return w;
}

// The key of the web3.js documentation's account example (web3.eth.accounts.privateKeyToAccount),
// whose address it prints as 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23.
constexpr std::string_view docs_key =
    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

Signer docs_signer() { return Signer::from_secret(*word_from_hex(docs_key)).value(); }

TEST(Keccak, MatchesPublishedDigests) {
  // The empty-input digest is Ethereum's well-known KECCAK_EMPTY (yellow paper, EMPTY code hash).
  EXPECT_EQ(to_hex(keccak256(std::string_view{})),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  // ethers 6.17: keccak256(toUtf8Bytes("abc")); differs from FIPS SHA3-256("abc") (3a985da7...).
  EXPECT_EQ(to_hex(keccak256(std::string_view{"abc"})),
            "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

// The examples of ethereum.org's RLP page (developers/docs/data-structures-and-encoding/rlp).
TEST(Rlp, EncodesTheDocumentationExamples) {
  EXPECT_EQ(to_hex(rlp::encode_bytes(text("dog"))), "0x83646f67");
  EXPECT_EQ(
      to_hex(rlp::encode_list({rlp::encode_bytes(text("cat")), rlp::encode_bytes(text("dog"))})),
      "0xc88363617483646f67");
  EXPECT_EQ(to_hex(rlp::encode_bytes(Bytes{})), "0x80");
  EXPECT_EQ(to_hex(rlp::encode_list({})), "0xc0");
  EXPECT_EQ(to_hex(rlp::encode_uint(0)), "0x80");
  EXPECT_EQ(to_hex(rlp::encode_bytes(Bytes{0x00})), "0x00");
  EXPECT_EQ(to_hex(rlp::encode_bytes(Bytes{0x0f})), "0x0f");
  EXPECT_EQ(to_hex(rlp::encode_uint(15)), "0x0f");
  EXPECT_EQ(to_hex(rlp::encode_uint(1024)), "0x820400");
  // The set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ].
  const auto empty = rlp::encode_list({});
  const auto one = rlp::encode_list({empty});
  EXPECT_EQ(to_hex(rlp::encode_list({empty, one, rlp::encode_list({empty, one})})),
            "0xc7c0c1c0c3c0c1c0");
  const auto lorem = text("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
  const auto encoded = rlp::encode_bytes(lorem);
  EXPECT_EQ(to_hex(std::span(encoded).first(2)), "0xb838");
  EXPECT_EQ(Bytes(encoded.begin() + 2, encoded.end()), lorem);
}

TEST(Abi, EncodesStaticAndDynamicArguments) {
  // The Solidity documentation's selector example: transfer(address,uint256) is 0xa9059cbb.
  EXPECT_EQ(to_hex(abi::selector("transfer(address,uint256)")), "0xa9059cbb");
  // ethers 6.17: Interface.encodeFunctionData("anchorBatch", [1, 0xab.., 3]).
  const auto anchor = abi::encode_call(abi::selector("anchorBatch(uint64,bytes32,uint32)"),
                                       {std::uint64_t{1}, repeated(0xab), std::uint64_t{3}});
  EXPECT_EQ(to_hex(anchor),
            "0x8b865860"
            "0000000000000000000000000000000000000000000000000000000000000001"
            "abababababababababababababababababababababababababababababababab"
            "0000000000000000000000000000000000000000000000000000000000000003");
  // ethers 6.17: encodeFunctionData("verify", [7, 0x11.., [0x22.., 0x33..]]).
  const auto verify = abi::encode_call(
      abi::selector("verify(uint64,bytes32,bytes32[])"),
      {std::uint64_t{7}, repeated(0x11), std::vector<Word>{repeated(0x22), repeated(0x33)}});
  EXPECT_EQ(to_hex(verify),
            "0x3e746d1d"
            "0000000000000000000000000000000000000000000000000000000000000007"
            "1111111111111111111111111111111111111111111111111111111111111111"
            "0000000000000000000000000000000000000000000000000000000000000060"
            "0000000000000000000000000000000000000000000000000000000000000002"
            "2222222222222222222222222222222222222222222222222222222222222222"
            "3333333333333333333333333333333333333333333333333333333333333333");
}

TEST(Abi, DecodesReturnedWords) {
  const auto words = abi::decode_words(
      *from_hex("0x0000000000000000000000000000000000000000000000000000000000000001"
                "00000000000000000000000000000000000000000000000000000000000004d2"));
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ(abi::word_to_bool((*words)[0]), true);
  EXPECT_EQ(abi::word_to_uint((*words)[1]), 1234U);
  EXPECT_FALSE(abi::word_to_bool((*words)[1]).has_value());
  EXPECT_FALSE(abi::word_to_uint(repeated(0xff)).has_value());
  EXPECT_FALSE(abi::decode_words(Bytes(31)).has_value());
}

TEST(Abi, DecodesAReturnedString) {
  // What USDC's symbol() answers: the offset of the tail, its length, "USDC" padded.
  const auto usdc = *from_hex(
      "0x0000000000000000000000000000000000000000000000000000000000000020"
      "0000000000000000000000000000000000000000000000000000000000000004"
      "5553444300000000000000000000000000000000000000000000000000000000");
  EXPECT_EQ(abi::decode_string(usdc, 32), "USDC");
  EXPECT_FALSE(abi::decode_string(usdc, 3).has_value());  // longer than allowed
  auto overlong = usdc;
  overlong[63] = 0x21;  // a length past the data
  EXPECT_FALSE(abi::decode_string(overlong, 64).has_value());
  auto misplaced = usdc;
  misplaced[31] = 0x60;  // an offset past the data
  EXPECT_FALSE(abi::decode_string(misplaced, 32).has_value());
  EXPECT_FALSE(abi::decode_string(Bytes(32), 32).has_value());
}

TEST(Signer, DerivesTheDocumentedAddress) {
  EXPECT_EQ(to_hex(docs_signer().address()), "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
}

TEST(Signer, SignsAnEip1559CallLikeEthers) {
  Eip1559Transaction tx;
  tx.chain_id = 137;
  tx.nonce = 5;
  tx.max_priority_fee_per_gas = 30'000'000'000;
  tx.max_fee_per_gas = 100'000'000'000;
  tx.gas_limit = 60'000;
  tx.to = address_from_hex("0x3535353535353535353535353535353535353535");
  tx.data = abi::encode_call(abi::selector("anchorBatch(uint64,bytes32,uint32)"),
                             {std::uint64_t{1}, repeated(0xab), std::uint64_t{3}});
  // ethers 6.17: Transaction.from({type: 2, ...these fields}).unsignedHash, then signed with
  // wallet.signingKey.sign (RFC 6979, like libsecp256k1): serialized and hash below.
  EXPECT_EQ(to_hex(signing_hash(tx)),
            "0x7e0bf2b3b6927d1f8e6baebaf04454a8f7068faf25e8a2689cabead96174acb4");
  const auto signed_tx = docs_signer().sign_transaction(tx);
  EXPECT_EQ(to_hex(signed_tx.raw),
            "0x02f8d28189058506fc23ac0085174876e80082ea609435353535353535353535353535353535353535"
            "3580b8648b8658600000000000000000000000000000000000000000000000000000000000000001abab"
            "abababababababababababababababababababababababababababababab000000000000000000000000"
            "0000000000000000000000000000000000000003c001a06db0978bd15a3bf5ee0663b674f7252b31b720"
            "0790467ee6ff7d5edc168cd401a05b42215d417b33f69f95799488a5b39f2e9e51bd8c670effdd48b874"
            "9c9a3660");
  EXPECT_EQ(to_hex(signed_tx.hash),
            "0x87a33f05051890a12d768d41d64811f070832b32320c6eb0599c7e2e6cd17e05");
}

TEST(Signer, SignsAContractCreationLikeEthers) {
  Eip1559Transaction tx;
  tx.chain_id = 1337;
  tx.max_priority_fee_per_gas = 1;
  tx.max_fee_per_gas = 2;
  tx.gas_limit = 21'000;
  tx.data = {0x60, 0x01};
  // ethers 6.17: the same with to: null, nonce 0.
  const auto signed_tx = docs_signer().sign_transaction(tx);
  EXPECT_EQ(to_hex(signed_tx.raw),
            "0x02f8528205398001028252088080826001c001a07ef6b1cdca7b42f34fe2d42ee9167fdf32b2be7701"
            "a8b9cecbe2e7da8a6c1e8aa03d0fde6279f429bdcba27eeb3fd76eb41719d629e05414a6f0922907f2bd"
            "30dc");
  EXPECT_EQ(to_hex(signed_tx.hash),
            "0x87d278012d6a04d24cf6da7ac34161509ffc9159cabcf9955ee26cd1c025979a");
}

TEST(Signer, RecoversTheSenderAndRejectsATamperedSignature) {
  const auto signer = docs_signer();
  const auto hash = keccak256(std::string_view{"a delivery"});
  auto signature = signer.sign(hash);
  EXPECT_EQ(recover_address(hash, signature), signer.address());
  signature.y_parity ^= 1U;
  EXPECT_NE(recover_address(hash, signature), signer.address());
}

TEST(Signer, ReadsAPrivateKeyFileAndRefusesOneOthersMayRead) {
  const auto path =
      std::filesystem::temp_directory_path() / ("chain-key-" + std::to_string(::getpid()) + ".hex");
  {
    std::ofstream out(path);
    out << "  " << docs_key << "\n";
  }
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto signer = Signer::from_key_file(path.string());
  ASSERT_TRUE(signer.has_value()) << signer.error().detail;
  EXPECT_EQ(signer->address(), docs_signer().address());
  std::filesystem::permissions(path, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  const auto refused = Signer::from_key_file(path.string());
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().detail.find("chmod 600"), std::string::npos);
  {
    std::ofstream out(path);
    out << "not a key";
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read);
  const auto malformed = Signer::from_key_file(path.string());
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().detail.find("not a key"), std::string::npos);  // never echoed
  std::filesystem::remove(path);
}

TEST(Signer, RefusesAKeyOutsideTheCurve) {
  EXPECT_FALSE(Signer::from_secret(Word{}).has_value());
  EXPECT_FALSE(Signer::from_secret(repeated(0xff)).has_value());
}

std::vector<Word> leaves_of(std::size_t n) {
  std::vector<Word> leaves;
  for (std::size_t i = 0; i < n; ++i) leaves.push_back(keccak256(std::to_string(i)));
  return leaves;
}

TEST(Fees, OffersTheMarketWithRoomForTheBaseFeeToDoubleOrWaitsAboveTheCap) {
  const FeeMarket market{.next_base_fee = 100, .priority_fee = 10};
  const auto offer = first_fees(market, 1000);
  ASSERT_TRUE(offer);
  EXPECT_EQ(offer->max_fee_per_gas, 210U);
  EXPECT_EQ(offer->max_priority_fee_per_gas, 10U);
  const auto capped = first_fees(market, 110);  // just enough for the next block
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->max_fee_per_gas, 110U);
  EXPECT_FALSE(first_fees(market, 109));  // could not be mined: wait
}

TEST(Fees, AReplacementRaisesBothFeesByTheBumpOrToTheMarketUnderTheCap) {
  const Fees last{.max_fee_per_gas = 200, .max_priority_fee_per_gas = 10};
  const auto bumped = replacement_fees(last, {.next_base_fee = 50, .priority_fee = 5}, 25, 1000);
  ASSERT_TRUE(bumped);  // 25 % and a wei more than last time, the market being lower
  EXPECT_EQ(bumped->max_fee_per_gas, 251U);
  EXPECT_EQ(bumped->max_priority_fee_per_gas, 13U);
  const auto market = replacement_fees(last, {.next_base_fee = 300, .priority_fee = 40}, 25, 1000);
  ASSERT_TRUE(market);  // the market rose beyond the bump
  EXPECT_EQ(market->max_fee_per_gas, 640U);
  EXPECT_EQ(market->max_priority_fee_per_gas, 40U);
  const auto capped = replacement_fees(last, {.next_base_fee = 50, .priority_fee = 5}, 25, 230);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->max_fee_per_gas, 230U);
  EXPECT_FALSE(replacement_fees(last, {.next_base_fee = 50, .priority_fee = 5}, 25, 200))
      << "pending at the fee cap: the max fee cannot rise";
}

TEST(Merkle, EveryLeafProvesItsRootInTreesOfEverySize) {
  for (std::size_t n = 1; n <= 33; ++n) {
    const auto leaves = leaves_of(n);
    const merkle::Tree tree(leaves);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(merkle::root_from_proof(leaves[i], tree.proof(i)), tree.root())
          << "leaf " << i << " of " << n;
  }
}

TEST(Merkle, AOddLeafMovesUpAndAChangedLeafFailsItsProof) {
  const auto leaves = leaves_of(3);
  const merkle::Tree tree(leaves);
  const auto left = merkle::hash_pair(leaves[0], leaves[1]);
  EXPECT_EQ(tree.root(), merkle::hash_pair(left, leaves[2]));
  EXPECT_EQ(tree.proof(2), std::vector<Word>{left});
  EXPECT_EQ(merkle::Tree({leaves[0]}).root(), leaves[0]);
  EXPECT_NE(merkle::root_from_proof(keccak256(std::string_view{"x"}), tree.proof(0)), tree.root());
}

TEST(Bytes, ReadsAndWritesQuantities) {
  EXPECT_EQ(quantity_hex(0), "0x0");
  EXPECT_EQ(quantity_hex(26), "0x1a");
  EXPECT_EQ(quantity_hex(256), "0x100");
  EXPECT_EQ(quantity_from_hex("0x1a"), 26U);
  EXPECT_FALSE(quantity_from_hex("1a").has_value());
  EXPECT_FALSE(quantity_from_hex("0x10000000000000000").has_value());
  EXPECT_FALSE(from_hex("0xabc").has_value());
  EXPECT_FALSE(from_hex("0xzz").has_value());
}

}  // namespace
}  // namespace reskflow::chain::eth
