// Installs the oldest supported aws-cdk-lib before the `oldest aws-cdk-lib` jest project runs.
module.exports = () => {
  require('../../scripts/cdk-lib-versions').install('oldest');
};
