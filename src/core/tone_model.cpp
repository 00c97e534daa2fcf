// smp core: the tone model (see tone_model.h for the model, its figures and their sources).
//
// [SECTION] sRGB tables
// [SECTION] Colour
// [SECTION] The model
#include "core/tone_model.h"

#include "core/det_math.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// [SECTION] sRGB tables ---------------------------------------------------------------------------
// Computed once with 40-digit decimal arithmetic (tools: Python's decimal module) and written as
// exact doubles, so that no pow() runs here and the bytes agree everywhere.
// sRGB code v (0..255) -> linear, IEC 61966-2-1, correctly rounded from 40-digit arithmetic.
constexpr double kSrgbToLinear[256] = {
    0x0.0p+0, 0x1.3e45677c176f7p-12, 0x1.3e45677c176f7p-11, 0x1.dd681b3a23272p-11,
    0x1.3e45677c176f7p-10, 0x1.8dd6c15b1d4b4p-10, 0x1.dd681b3a23272p-10, 0x1.167cba8c94818p-9,
    0x1.3e45677c176f7p-9, 0x1.660e146b9a5d5p-9, 0x1.8dd6c15b1d4b4p-9, 0x1.b6a31b5259c94p-9,
    0x1.e1e31d70c99dbp-9, 0x1.07c38bf8583a6p-8, 0x1.1fcc2beed6420p-8, 0x1.390ffaf95e277p-8,
    0x1.53936cc7bc927p-8, 0x1.6f5addb50c913p-8, 0x1.8c6a94031b55fp-8, 0x1.aac6c0fb9734dp-8,
    0x1.ca7381f9f6029p-8, 0x1.eb74e160978cap-8, 0x1.06e76bbda92b7p-7, 0x1.18c2a5a8a8041p-7,
    0x1.2b4e09b3f0ae2p-7, 0x1.3e8b7b3bde962p-7, 0x1.527cd60af8b85p-7, 0x1.6723eea8d3706p-7,
    0x1.7c8292a3db6b1p-7, 0x1.929a88d67b51ep-7, 0x1.a96d91a8016bap-7, 0x1.c0fd67499fab4p-7,
    0x1.d94bbdefd740cp-7, 0x1.f25a44089883dp-7, 0x1.061551372c693p-6, 0x1.135f3e4c2cce0p-6,
    0x1.210bb8642b172p-6, 0x1.2f1b8c1ae46bbp-6, 0x1.3d8f839b79c0bp-6, 0x1.4c6866b3e9fa1p-6,
    0x1.5ba6fae794313p-6, 0x1.6b4c0380d2decp-6, 0x1.7b5841a1bf3aap-6, 0x1.8bcc74542add9p-6,
    0x1.9ca95898dc8b3p-6, 0x1.adefa9761c01ep-6, 0x1.bfa0200597bd8p-6, 0x1.d1bb7381aec1dp-6,
    0x1.e442595227bc9p-6, 0x1.f73585185e1b1p-6, 0x1.054ad45d76876p-5, 0x1.0f31ba386ff25p-5,
    0x1.194fcb663747ap-5, 0x1.23a55e62a6627p-5, 0x1.2e32c8e148d0ep-5, 0x1.38f85fd21eaccp-5,
    0x1.43f67766310fep-5, 0x1.4f2d6313fa8cdp-5, 0x1.5a9d759ba5ecdp-5, 0x1.6647010b254ecp-5,
    0x1.722a56c2239eep-5, 0x1.7e47c775d2425p-5, 0x1.8a9fa33494b05p-5, 0x1.973239698b9cap-5,
    0x1.a3ffd8e001387p-5, 0x1.b108cfc6b7fbdp-5, 0x1.be4d6bb31d520p-5, 0x1.cbcdf9a4616f0p-5,
    0x1.d98ac60675830p-5, 0x1.e7841cb4f16ddp-5, 0x1.f5ba48fde2046p-5, 0x1.0216cad240764p-4,
    0x1.096f2671eb814p-4, 0x1.10e65c38a5191p-4, 0x1.187c90bf8bce1p-4, 0x1.2031e85f5d6dap-4,
    0x1.28068731a1952p-4, 0x1.2ffa9111cb94ap-4, 0x1.380e299e53f8fp-4, 0x1.40417439ca10fp-4,
    0x1.4894940bddbfap-4, 0x1.5107ac0261e59p-4, 0x1.599aded247aa9p-4, 0x1.624e4ef892ed2p-4,
    0x1.6b221ebb4817ep-4, 0x1.7416702a539d1p-4, 0x1.7d2b65206b525p-4, 0x1.86611f43e9e67p-4,
    0x1.8fb7c007a4a6dp-4, 0x1.992f68abbbc89p-4, 0x1.a2c83a3e6566ap-4, 0x1.ac82559cb3642p-4,
    0x1.b65ddb7354602p-4, 0x1.c05aec3f4fe5ep-4, 0x1.ca79a84ebe02ep-4, 0x1.d4ba2fc17a6a4p-4,
    0x1.df1ca289d34b6p-4, 0x1.e9a1206d34002p-4, 0x1.f447c904cbb4cp-4, 0x1.ff10bbbe302c0p-4,
    0x1.04fe0bedfe5f1p-3, 0x1.0a84fe3b36d8ep-3, 0x1.101d443dfc06dp-3, 0x1.15c6ed58eefdep-3,
    0x1.1b8208da5fef0p-3, 0x1.214ea5fc9514ap-3, 0x1.272cd3e610121p-3, 0x1.2d1ca1a9d1cfbp-3,
    0x1.331e1e479cdf4p-3, 0x1.393158ac3674dp-3, 0x1.3f565fb1a5fd3p-3, 0x1.458d421f735ddp-3,
    0x1.4bd60eaae3e73p-3, 0x1.5230d3f736034p-3, 0x1.589da095dba9fp-3, 0x1.5f1c8306b3a3ap-3,
    0x1.65ad89b841a29p-3, 0x1.6c50c307e53bfp-3, 0x1.73063d420fc7dp-3, 0x1.79ce06a2792ffp-3,
    0x1.80a82d5453b5ap-3, 0x1.8794bf727eb3ep-3, 0x1.8e93cb07b8676p-3, 0x1.95a55e0ecec09p-3,
    0x1.9cc98672cf47ep-3, 0x1.a400520f3619bp-3, 0x1.ab49ceb01c000p-3, 0x1.b2a60a1263b05p-3,
    0x1.ba1511e3e6329p-3, 0x1.c196f3c39e76ep-3, 0x1.c92bbd41d41fbp-3, 0x1.d0d37be045850p-3,
    0x1.d88e3d1250f61p-3, 0x1.e05c0e3d1d3dbp-3, 0x1.e83cfcb7c16eep-3, 0x1.f03115cb6bfcep-3,
    0x1.f83866b38924ap-3, 0x1.00297e4ef4550p-2, 0x1.0440725571779p-2, 0x1.086115f6beb39p-2,
    0x1.0c8b6fb5c735ap-2, 0x1.10bf860ef0397p-2, 0x1.14fd5f782a5a5p-2, 0x1.1945026102995p-2,
    0x1.1d967532b31b0p-2, 0x1.21f1be50339e4p-2, 0x1.2656e41649ae2p-2, 0x1.2ac5ecdb988f8p-2,
    0x1.2f3edef0b0ed5p-2, 0x1.33c1c0a020436p-2, 0x1.384e982e800aep-2, 0x1.3ce56bda84a7fp-2,
    0x1.418641dd0c1bbp-2, 0x1.463120692c7adp-2, 0x1.4ae60dac4229cp-2, 0x1.4fa50fcdfde13p-2,
    0x1.546e2cf0727a6p-2, 0x1.59416b3022856p-2, 0x1.5e1ed0a40daa8p-2, 0x1.6306635dbdd79p-2,
    0x1.67f829695439fp-2, 0x1.6cf428cd96077p-2, 0x1.71fa678bf915cp-2, 0x1.770aeba0b0428p-2,
    0x1.7c25bb02b7ac2p-2, 0x1.814adba3e0bd4p-2, 0x1.867a5370de0aep-2, 0x1.8bb428514f065p-2,
    0x1.90f86027cb84bp-2, 0x1.964700d1ef1b0p-2, 0x1.9ba010286451ep-2, 0x1.a10393feefafcp-2,
    0x1.a67192247a9bbp-2, 0x1.abea10631e191p-2, 0x1.b16d14802d5c7p-2, 0x1.b6faa43c403bap-2,
    0x1.bc92c5533d782p-2, 0x1.c2357d7c64e5cp-2, 0x1.c7e2d26a596dcp-2, 0x1.cd9ac9cb2aef0p-2,
    0x1.d35d69485ffc2p-2, 0x1.d92ab686ff77ep-2, 0x1.df02b7279a10ap-2, 0x1.e4e570c6539c1p-2,
    0x1.ead2e8faec523p-2, 0x1.f0cb2558c9ea4p-2, 0x1.f6ce2b6f00980p-2, 0x1.fcdc00c85bec1p-2,
    0x1.017a5575b3cafp-1, 0x1.048c17ad3c049p-1, 0x1.07a349c9d9836p-1, 0x1.0abfee888c04ep-1,
    0x1.0de208a4444c7p-1, 0x1.11099ad5e83e9p-1, 0x1.1436a7d456eedp-1, 0x1.176932546ca12p-1,
    0x1.1aa13d0906bd8p-1, 0x1.1ddecaa307b83p-1, 0x1.2121ddd15aecbp-1, 0x1.246a7940f86cfp-1,
    0x1.27b89f9ce8c4ap-1, 0x1.2b0c538e48b06p-1, 0x1.2e6597bc4cc9fp-1, 0x1.31c46ecc4528bp-1,
    0x1.3528db61a0f70p-1, 0x1.3892e01df1fcbp-1, 0x1.3c027fa0f01e9p-1, 0x1.3f77bc887cd39p-1,
    0x1.42f29970a68f7p-1, 0x1.467318f3ac22bp-1, 0x1.49f93daa00112p-1, 0x1.4d850a2a4bddfp-1,
    0x1.51168109734e3p-1, 0x1.54ada4da97a1ap-1, 0x1.584a782f1ac21p-1, 0x1.5becfd96a2697p-1,
    0x1.5f95379f1b3eap-1, 0x1.634328d4bbe96p-1, 0x1.66f6d3c2081cfp-1, 0x1.6ab03aefd39a9p-1,
    0x1.6e6f60e5452afp-1, 0x1.72344827d98f2p-1, 0x1.75fef33b66698p-1, 0x1.79cf64a21d1e1p-1,
    0x1.7da59edc8daaep-1, 0x1.8181a469a9786p-1, 0x1.856377c6c6222p-1, 0x1.894b1b6fa0376p-1,
    0x1.8d3891de5df47p-1, 0x1.912bdd8b91f42p-1, 0x1.952500ee3dda3p-1, 0x1.9923fe7bd4f64p-1,
    0x1.9d28d8a83edfap-1, 0x1.a13391e5da09ep-1, 0x1.a5442ca57e52cp-1, 0x1.a95aab567f88ep-1,
    0x1.ad771066afec1p-1, 0x1.b1995e4262a66p-1, 0x1.b5c197546e3f6p-1, 0x1.b9efbe062f083p-1,
    0x1.be23d4bf8981ap-1, 0x1.c25ddde6ecbbbp-1, 0x1.c69ddbe154af2p-1, 0x1.cae3d1124c90dp-1,
    0x1.cf2fbfdbf11edp-1, 0x1.d381aa9ef2e7fp-1, 0x1.d7d993ba988d3p-1, 0x1.dc377d8cc0fd2p-1,
    0x1.e09b6a71e5aa4p-1, 0x1.e5055cc51cbb2p-1, 0x1.e97556e01b350p-1, 0x1.edeb5b1b37216p-1,
    0x1.f2676bcd69adcp-1, 0x1.f6e98b4c51465p-1, 0x1.fb71bbec33ab1p-1, 0x1.0000000000000p+0,
};
// Linear value of the code k + 1/2 (k = 0..254): the boundaries between codes.
constexpr double kSrgbThresholds[255] = {
    0x1.3e45677c176f7p-13, 0x1.dd681b3a23272p-12, 0x1.8dd6c15b1d4b4p-11, 0x1.167cba8c94818p-10,
    0x1.660e146b9a5d5p-10, 0x1.b59f6e4aa0393p-10, 0x1.02986414d30a8p-9, 0x1.2a61110455f87p-9,
    0x1.5229bdf3d8e66p-9, 0x1.79f26ae35bd45p-9, 0x1.a1e5a03a8a4b5p-9, 0x1.cbf734477e0e7p-9,
    0x1.f8680590912c1p-9, 0x1.13a0be3e98ad5p-8, 0x1.2c4665c6bc58bp-8, 0x1.4629793a399b0p-8,
    0x1.614e607554158p-8, 0x1.7db96ca0c99d9p-8, 0x1.9b6ed95fb6dbap-8, 0x1.ba72cde4cb5cap-8,
    0x1.dac95df183297p-8, 0x1.fc768ac1bd733p-8, 0x1.0fbf21f2dc489p-7, 0x1.21f234061c55cp-7,
    0x1.34d662df32ddcp-7, 0x1.486d8e075e9d4p-7, 0x1.5cb98d9e2545fp-7, 0x1.71bc32a59ad46p-7,
    0x1.87774749cc7c5p-7, 0x1.9dec8f23ba5bfp-7, 0x1.b51dc7783fa2ap-7, 0x1.cd0ca7733ec84p-7,
    0x1.e5bae05f5ea99p-7, 0x1.ff2a1dda9da46p-7, 0x1.0cae0303fc81dp-6, 0x1.1a291cdf30864p-6,
    0x1.28072a5a9656bp-6, 0x1.3648f6d71d8d4p-6, 0x1.44ef4b4ef6b8fp-6, 0x1.53faee688f616p-6,
    0x1.636ca4889ebeep-6, 0x1.73452fe3532a6p-6, 0x1.8385508caeef9p-6, 0x1.942dc48821f75p-6,
    0x1.a53f47d76ca86p-6, 0x1.b6ba9488d7613p-6, 0x1.c8a062c4c9086p-6, 0x1.daf168dac664fp-6,
    0x1.edae5b4de330dp-6, 0x1.006bf67056983p-5, 0x1.0a3767504c7e3p-5, 0x1.1439d7f87bcfap-5,
    0x1.1e739f4abdd1cp-5, 0x1.28e5135e29deap-5, 0x1.338e8983f0647p-5, 0x1.3e70564c063c2p-5,
    0x1.498acd89a2d57p-5, 0x1.54de4257938ccp-5, 0x1.606b071c66583p-5, 0x1.6c316d8e6dd5ep-5,
    0x1.7831c6b7a0a43p-5, 0x1.846c62f955ceap-5, 0x1.90e1920fdffcep-5, 0x1.9d91a31608f91p-5,
    0x1.aa7ce4886f087p-5, 0x1.b7a3a448c57bfp-5, 0x1.c5062fa0f9c99p-5, 0x1.d2a4d3463e6bcp-5,
    0x1.e07fdb5bfcb10p-5, 0x1.ee979376ae979p-5, 0x1.fcec469ea1be6p-5, 0x1.05bf1fa95233fp-4,
    0x1.0d26e3c54ebeap-4, 0x1.14ad945d08395p-4, 0x1.1c5355e946f1ep-4, 0x1.24184ca308d86p-4,
    0x1.2bfc9c84a7aeep-4, 0x1.3400694af6b4bp-4, 0x1.3c23d67658241p-4, 0x1.4467074bcad3fp-4,
    0x1.4cca1ed5f04c9p-4, 0x1.554d3fe60b982p-4, 0x1.5df08d14f9170p-4, 0x1.66b428c41f9a1p-4,
    0x1.6f98351e5b03cp-4, 0x1.789cd418e0ac2p-4, 0x1.81c227741dc30p-4, 0x1.8b0850bc8fe6bp-4,
    0x1.946f714b98253p-4, 0x1.9df7aa4848998p-4, 0x1.a7a11ca82cd65p-4, 0x1.b16be9300d4b9p-4,
    0x1.bb583074add2ep-4, 0x1.c56612db878dfp-4, 0x1.cf95b09b7e3e6p-4, 0x1.d9e729bd913dep-4,
    0x1.e45a9e1d883c9p-4, 0x1.eef02d6a9be77p-4, 0x1.f9a7f7281a9a9p-4, 0x1.02410d57049f5p-3,
    0x1.07bf5b94e038ap-3, 0x1.0d4ef5cf430b2p-3, 0x1.12efeb7311b79p-3, 0x1.18a24bd8bbe9dp-3,
    0x1.1e6626448412fp-3, 0x1.243b89e6c58e7p-3, 0x1.2a2285dc393e6p-3, 0x1.301b292e38aa4p-3,
    0x1.362582d2ffac4p-3, 0x1.3c41a1adecb7ap-3, 0x1.426f948fbfc29p-3, 0x1.48af6a36d7de4p-3,
    0x1.4f01314f6f85fp-3, 0x1.5564f873d7af6p-3, 0x1.5bdace2cb1a51p-3, 0x1.6262c0f127b37p-3,
    0x1.68fcdf2724b0dp-3, 0x1.6fa937238a68fp-3, 0x1.7667d72a66f3dp-3, 0x1.7d38cd6f28fe9p-3,
    0x1.841c2814d30edp-3, 0x1.8b11f52e2dc70p-3, 0x1.921a42bdf9326p-3, 0x1.99351eb71d1f9p-3,
    0x1.a06296fcd88fbp-3, 0x1.a7a2b962f040bp-3, 0x1.aef593addc582p-3, 0x1.b65b3392f5350p-3,
    0x1.bdd3a6b89f6d8p-3, 0x1.c55efab676fe3p-3, 0x1.ccfd3d1579b02p-3, 0x1.d4ae7b5030ba9p-3,
    0x1.dc72c2d2d9a5bp-3, 0x1.e44a20fb8e723p-3, 0x1.ec34a31a6d0b4p-3, 0x1.f4325671be069p-3,
    0x1.fc4348361ab75p-3, 0x1.0233c2c7494c1p-2, 0x1.064f8dca68078p-2, 0x1.0a750baa9e48dp-2,
    0x1.0ea442e792155p-2, 0x1.12dd39fa6c332p-2, 0x1.171ff755e9545p-2, 0x1.1b6c81666af86p-2,
    0x1.1fc2de920806ap-2, 0x1.242315389d220p-2, 0x1.288d2bb3dcb8fp-2, 0x1.2d0128575ed1dp-2,
    0x1.317f1170b096cp-2, 0x1.3606ed4763a09p-2, 0x1.3a98c21d1d03fp-2, 0x1.3f34962da4212p-2,
    0x1.43da6faef137cp-2, 0x1.488a54d13bc06p-2, 0x1.4d444bbf088cap-2, 0x1.52085a9d37af4p-2,
    0x1.56d6878b122d7p-2, 0x1.5baed8a2577aap-2, 0x1.609153f74abf5p-2, 0x1.657dff98bfecfp-2,
    0x1.6a74e190289f3p-2, 0x1.6f75ffe1a0cbcp-2, 0x1.7481608bfb425p-2, 0x1.79970988cdfcap-2,
    0x1.7eb700cc7e40cp-2, 0x1.83e14c464c956p-2, 0x1.8915f1e0608a3p-2, 0x1.8e54f77fd4542p-2,
    0x1.939e6304c03f5p-2, 0x1.98f23a4a45f6cp-2, 0x1.9e5083269ba32p-2, 0x1.a3b9436b16e15p-2,
    0x1.a92c80e437919p-2, 0x1.aeaa4159b27f7p-2, 0x1.b4328a8e7be4ap-2, 0x1.b9c56240d1c5ap-2,
    0x1.bf62ce2a462a8p-2, 0x1.c50ad3ffc933ap-2, 0x1.cabd7971b30b4p-2, 0x1.d07ac42bcdb47p-2,
    0x1.d642b9d55eb84p-2, 0x1.dc15601130b20p-2, 0x1.e1f2bc7d9cba5p-2, 0x1.e7dad4b493b27p-2,
    0x1.edcdae4ba7707p-2, 0x1.f3cb4ed413cbfp-2, 0x1.f9d3bbdac78d2p-2, 0x1.ffe6fae86d3d6p-2,
    0x1.030288c0b9edcp-1, 0x1.061702930bb93p-1, 0x1.0930eda934ca2p-1, 0x1.0c504cbf2cdcap-1,
    0x1.0f75228edec22p-1, 0x1.129f71d02c75cp-1, 0x1.15cf3d38f323dp-1, 0x1.1904877d0f24bp-1,
    0x1.1c3f534e5fea4p-1, 0x1.1f7fa35ccbe1bp-1, 0x1.22c57a564448bp-1, 0x1.2610dae6c8f65p-1,
    0x1.2961c7b86c188p-1, 0x1.2cb8437355e5bp-1, 0x1.301450bdc8432p-1, 0x1.3375f23c225fbp-1,
    0x1.36dd2a90e443cp-1, 0x1.3a49fc5cb2566p-1, 0x1.3dbc6a3e58d79p-1, 0x1.413476d2cf4fep-1,
    0x1.44b224b53bf61p-1, 0x1.4835767ef70a2p-1, 0x1.4bbe6ec78e26bp-1, 0x1.4f4d1024c7882p-1,
    0x1.52e15d2aa54a6p-1, 0x1.567b586b689cdp-1, 0x1.5a1b047794ed4p-1, 0x1.5dc063ddf3090p-1,
    0x1.616b792b94357p-1, 0x1.651c46ebd53f4p-1, 0x1.68d2cfa861810p-1, 0x1.6c8f15e935e0fp-1,
    0x1.70511c34a3c66p-1, 0x1.7418e50f54067p-1, 0x1.77e672fc49c8cp-1, 0x1.7bb9c87ce563dp-1,
    0x1.7f92e810e7315p-1, 0x1.8371d436725abp-1, 0x1.87568f6a0f9dcp-1, 0x1.8b411c26b0098p-1,
    0x1.8f317ce5afb3ep-1, 0x1.9327b41ed8674p-1, 0x1.9723c44864498p-1, 0x1.9b25afd7007afp-1,
    0x1.9f2d793dcfaeep-1, 0x1.a33b22ee6cbccp-1, 0x1.a74eaf58ed2a5p-1, 0x1.ab6820ebe3af1p-1,
    0x1.af877a1462b15p-1, 0x1.b3acbd3dfebbep-1, 0x1.b7d7ecd2d0ee0p-1, 0x1.bc090b3b79644p-1,
    0x1.c0401adf219b8p-1, 0x1.c47d1e237ecd4p-1, 0x1.c8c0176cd4466p-1, 0x1.cd09091df5b70p-1,
    0x1.d157f598497d1p-1, 0x1.d5acdf3bcae8ap-1, 0x1.da07c8670c7a5p-1, 0x1.de68b3773a1c6p-1,
    0x1.e2cfa2c81b559p-1, 0x1.e73c98b41576dp-1, 0x1.ebaf97942dc33p-1, 0x1.f028a1c00b929p-1,
    0x1.f4a7b98dfa6ebp-1, 0x1.f92ce152ec2b7p-1, 0x1.fdb81b627af90p-1,
};

}  // namespace

// [SECTION] Colour --------------------------------------------------------------------------------

double SrgbToLinear(uint8_t value) { return kSrgbToLinear[value]; }

uint8_t LinearToSrgb(double linear) {
    if (!(linear > kSrgbThresholds[0])) return 0;   // also NaN
    // The number of boundaries at or below `linear` is the code (binary search, 8 steps).
    int lo = 0, hi = 255;   // kSrgbThresholds[lo] <= linear; hi: the first boundary above, or 255
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (kSrgbThresholds[mid] <= linear) lo = mid;
        else hi = mid;
    }
    return static_cast<uint8_t>(lo + 1);
}

LinearRgb LinearFromSrgb(uint8_t r, uint8_t g, uint8_t b) { return {SrgbToLinear(r), SrgbToLinear(g), SrgbToLinear(b)}; }

double RelativeLuminance(const LinearRgb& c) { return (0.2126 * c.r + 0.7152 * c.g) + 0.0722 * c.b; }

// [SECTION] The model -----------------------------------------------------------------------------

double DotPigmentConcentration(const Dot& dot, const Design& design) {
    const SessionSpec& session = design.sessions[static_cast<size_t>(dot.session - 1)];
    Pigment pigment = session.pigment;
    if (dot.hairline) pigment.dilution_percent = std::min(90.0, pigment.dilution_percent + kHairlineExtraDilution);
    else if (dot.dark_scatter) pigment.dilution_percent = std::max(0.0, pigment.dilution_percent - kDarkScatterDilutionDrop);
    return std::clamp(pigment.EffectiveDarkness(), 0.0, 1.0);
}

double FadedConcentration(double concentration, double years) {
    return concentration * std::clamp(1.0 - kFadePerYear * years, kMinFade, 1.0);
}

double PigmentOpacity(double concentration) { return 1.0 - DetExp(-kInkAttenuation * std::max(0.0, concentration)); }

LinearRgb DotDarkening(double concentration, double years, const LinearRgb& skin) {
    const double opacity = PigmentOpacity(FadedConcentration(concentration, years));
    const double drift = std::clamp(kDriftPerYear * years, 0.0, kMaxDrift);
    auto channel = [&](int c, double albedo) {
        const double share = kShadowShare[c] + (kFadedShadowShare[c] - kShadowShare[c]) * drift;
        // The surface's reflection is never darkened: on skin darker than it, nothing shows.
        const double below = albedo > kSurfaceReflectance ? 1.0 - kSurfaceReflectance / albedo : 0.0;
        return share * opacity * below;
    };
    return {channel(0, skin.r), channel(1, skin.g), channel(2, skin.b)};
}

LinearRgb CoverDarkening(const LinearRgb& over, const LinearRgb& skin) {
    auto channel = [](double over_c, double skin_c) { return skin_c > 0.0 ? std::clamp(1.0 - over_c / skin_c, 0.0, 1.0) : 0.0; };
    return {channel(over.r, skin.r), channel(over.g, skin.g), channel(over.b, skin.b)};
}

ShavedUnitColours ShavedUnitColoursOf(const LinearRgb& hair, const LinearRgb& skin) {
    const LinearRgb stubble = CoverDarkening(hair, skin);
    // The shaft as undiluted pigment for dark hair, less by the share of dark hair's darkening a
    // lighter hair's own has (for dark hair itself that share is exactly 1).
    const LinearRgb ink = DotDarkening(1.0, 0.0, skin);
    const LinearRgb dark = CoverDarkening(LinearFromSrgb(kDarkHairSrgb[0], kDarkHairSrgb[1], kDarkHairSrgb[2]), skin);
    auto share = [](double own, double of_dark) { return of_dark > 0.0 ? std::min(1.0, own / of_dark) : 0.0; };
    return {stubble, {ink.r * share(stubble.r, dark.r), ink.g * share(stubble.g, dark.g), ink.b * share(stubble.b, dark.b)}};
}

ShavedUnitMark ShavedUnitMarkOf(double stubble_length_mm, double shaft_width_mm, const ShavedUnitColours& colours) {
    const double stubble_mm2 = kHairsPerFollicularUnit * std::max(0.0, stubble_length_mm) * shaft_width_mm;
    const double shaft_mm2 = kHairsPerFollicularUnit * kShaftSeenLengthMm * kHealedSpread * shaft_width_mm;
    const LinearRgb& stubble = colours.stubble;
    const LinearRgb& shaft = colours.shaft;
    ShavedUnitMark mark;
    mark.area_mm2 = stubble_mm2 + shaft_mm2;
    mark.length_mm = kShaftSeenLengthMm + std::max(0.0, stubble_length_mm);
    mark.behind_mm = kShaftSeenLengthMm;
    auto mean = [&](double stubble_f, double shaft_f) { return (stubble_mm2 * stubble_f + shaft_mm2 * shaft_f) / mark.area_mm2; };
    mark.darkening = {mean(stubble.r, shaft.r), mean(stubble.g, shaft.g), mean(stubble.b, shaft.b)};
    return mark;
}

DotFootprint DotFootprintPx(double healed_radius, double blur_radius, double min_radius, double softness) {
    DotFootprint f;
    const double r2 = healed_radius * healed_radius;
    f.radius = std::max(std::sqrt(r2 + blur_radius * blur_radius), min_radius);
    f.edge = std::min(2.0 * f.radius, std::max({1.0, softness * f.radius, 2.0 * blur_radius}));
    f.opacity = r2 / (f.radius * f.radius + 0.05 * f.edge * f.edge);
    return f;
}

double DotProfile(const DotFootprint& footprint, double distance) {
    const double inner = footprint.radius - 0.5 * footprint.edge;
    const double t = std::clamp((distance - inner) / footprint.edge, 0.0, 1.0);
    return 1.0 - t * t * (3.0 - 2.0 * t);
}

double DotProfileAreaPx2(const DotFootprint& footprint) {
    return kDetPi * (footprint.radius * footprint.radius + 0.05 * footprint.edge * footprint.edge);
}

}  // namespace smp
